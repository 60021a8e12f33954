/**
 * A partner signs a proposed version. Only the exact text proposed can be signed: if the agreement
 * changed since the proposal, signing is refused and the proposal shows as stale. The second
 * signature puts the version in effect.
 */
import { and, eq } from 'drizzle-orm';
import { agreementSignatures, agreementVersions } from '../../../drizzle/schema';
import { requireAgreementSigner, type Viewer } from '../../access/authorization';
import type { Database } from '../../db/database';
import { publishLiveEvent } from '../../events/live-events';
import { recordActivity } from '../activity/record-activity';
import { conflict, notFound } from '../errors';
import { chainNext, type SignatureRecord } from '../history/hash-chain';
import { lockAgreement, readChainHead } from './agreement-chain';
import { readAgreementVersions } from './get-agreement-versions';

export async function signVersion(db: Database, viewer: Viewer, documentId: string, number: number, now = new Date()): Promise<{ inEffect: boolean }> {
  const access = await requireAgreementSigner(db, viewer, documentId);
  const { userId } = access.membership;
  const result = await db.transaction(async (tx) => {
    await lockAgreement(tx, documentId);
    const [row] = await tx.select().from(agreementVersions).where(and(eq(agreementVersions.documentId, documentId), eq(agreementVersions.number, number))).limit(1);
    if (!row) throw notFound(`Version ${number}`);
    const versions = await readAgreementVersions(tx, documentId);
    const version = versions.versions.find((v) => v.number === number)!;
    if (version.signatures.some((s) => s.signerId === userId)) throw conflict(`You have already signed version ${number}.`);
    switch (version.state) {
      case 'stale':
        throw conflict(`The agreement changed after version ${number} was proposed, so it can no longer be signed. Propose the current text as a new version.`);
      case 'changes-requested':
        throw conflict(`Changes were asked for on version ${number}, so it can no longer be signed.`);
      case 'superseded':
        throw conflict(`Version ${number} was replaced by a newer proposal. Review and sign the newest one.`);
      case 'in-effect':
      case 'replaced':
        throw conflict(`Version ${number} is already signed by both of you.`);
      case 'open':
        break;
    }
    const record = chainNext<Omit<SignatureRecord, 'hash'>>(await readChainHead(tx, documentId), {
      kind: 'signature',
      agreementId: documentId,
      number,
      versionHash: row.hash,
      signerId: userId,
      at: now,
    });
    await tx.insert(agreementSignatures).values({
      versionId: row.id,
      documentId,
      signerId: userId,
      signedAt: now,
      chainPosition: record.position,
      previousHash: record.previousHash,
      hash: record.hash,
    });
    const inEffect = new Set([...version.signatures.map((s) => s.signerId), userId]).size >= 2;
    await recordActivity(tx, { spaceId: access.document.spaceId, actorId: userId, type: 'version-signed', data: { documentId, title: access.document.title, number, inEffect } });
    return { inEffect };
  });
  publishLiveEvent({ spaceId: access.document.spaceId, audience: 'space', event: 'version-signed', payload: { documentId, number, by: userId, inEffect: result.inEffect } });
  return result;
}
