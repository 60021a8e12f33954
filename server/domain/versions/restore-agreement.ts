/**
 * Restoring an earlier state or version: a NEW edit applied to the live document (both partners see
 * it happen in their editors), logged as the restorer's update and labelled "restored from …" in the
 * timeline. Nothing in the log is rewritten.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import { agreementRestorations, agreementVersions, documentUpdates } from '../../../drizzle/schema';
import { requireAgreementSigner, type Viewer } from '../../access/authorization';
import type { Database } from '../../db/database';
import { publishLiveEvent } from '../../events/live-events';
import { applyServerEdit } from '../../documents/document-hub';
import { recordActivity } from '../activity/record-activity';
import { conflict, invalidInput, notFound } from '../errors';
import { buildRestoreUpdate } from '../history/build-restore-update';
import { readCurrentState, readStateAt } from '../history/read-history';

export type RestoreTarget = { seq: number } | { versionNumber: number };

export async function restoreAgreement(db: Database, viewer: Viewer, documentId: string, target: RestoreTarget): Promise<{ restored: boolean; label: string }> {
  const access = await requireAgreementSigner(db, viewer, documentId);
  const { userId } = access.membership;
  const current = await readCurrentState(db, documentId);
  let fromSeq: number;
  let fromVersion: number | null = null;
  if ('versionNumber' in target) {
    const [version] = await db
      .select({ seq: agreementVersions.seq })
      .from(agreementVersions)
      .where(and(eq(agreementVersions.documentId, documentId), eq(agreementVersions.number, target.versionNumber)))
      .limit(1);
    if (!version) throw notFound(`Version ${target.versionNumber}`);
    fromSeq = version.seq;
    fromVersion = target.versionNumber;
  } else {
    if (!Number.isInteger(target.seq) || target.seq < 0 || target.seq > current.lastSeq) throw invalidInput('That point is not in this agreement’s history.');
    fromSeq = target.seq;
  }
  const label = fromVersion !== null ? `version ${fromVersion}` : `the state after edit ${fromSeq}`;
  const update = buildRestoreUpdate(current.state, await readStateAt(db, documentId, fromSeq));
  if (!update) throw conflict(`The agreement already says exactly what ${label} says.`);

  await applyServerEdit(db, documentId, update, userId);
  // applyServerEdit resolves once the update is in the log; it is the restorer's first update after `current.lastSeq`.
  const [logged] = await db
    .select({ seq: documentUpdates.seq })
    .from(documentUpdates)
    .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.seq, current.lastSeq), eq(documentUpdates.authorId, userId)))
    .orderBy(asc(documentUpdates.seq))
    .limit(1);
  await db.transaction(async (tx) => {
    await tx.insert(agreementRestorations).values({ documentId, seq: logged?.seq ?? null, restoredFromSeq: fromSeq, restoredFromVersion: fromVersion, restoredBy: userId });
    await recordActivity(tx, { spaceId: access.document.spaceId, actorId: userId, type: 'agreement-restored', data: { documentId, title: access.document.title, from: label } });
  });
  publishLiveEvent({ spaceId: access.document.spaceId, audience: 'space', event: 'agreement-restored', payload: { documentId, from: label, by: userId } });
  return { restored: true, label };
}
