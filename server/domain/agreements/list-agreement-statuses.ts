/**
 * Where each agreement of a space stands for the person looking ("waiting for your signature",
 * "in effect", …), for the agreements list and the home page. Agreements never proposed are drafts
 * without reading their text; the others need their current text to tell "in effect" from
 * "changed since signed".
 */
import { and, eq, inArray } from 'drizzle-orm';
import { agreementVersions, documents } from '../../../drizzle/schema';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import type { Executor } from '../../db/database';
import { decideAgreementStatus, type AgreementStatus } from '../versions/agreement-status';
import { readAgreementVersions } from '../versions/get-agreement-versions';

export interface AgreementStanding {
  status: AgreementStatus;
  /** The version the status is about (to open its review), or null for a draft. */
  versionNumber: number | null;
}

export async function listAgreementStatuses(db: Executor, viewer: Viewer, spaceId: string): Promise<Map<string, AgreementStanding>> {
  const membership = await requireSpaceMember(db, viewer, spaceId, 'read');
  const agreements = await db
    .select({ id: documents.id, archivedAt: documents.archivedAt })
    .from(documents)
    .where(and(eq(documents.spaceId, spaceId), eq(documents.kind, 'agreement')));
  const statuses = new Map<string, AgreementStanding>(agreements.map((a) => [a.id, { status: 'draft', versionNumber: null }]));
  if (agreements.length === 0) return statuses;
  const proposed = new Set(
    (
      await db
        .selectDistinct({ documentId: agreementVersions.documentId })
        .from(agreementVersions)
        .where(
          inArray(
            agreementVersions.documentId,
            agreements.map((a) => a.id),
          ),
        )
    ).map((row) => row.documentId),
  );
  for (const agreement of agreements) {
    if (!proposed.has(agreement.id)) continue;
    const overview = await readAgreementVersions(db, agreement.id);
    const status = decideAgreementStatus(
      {
        versions: overview.versions.map((v) => ({ number: v.number, state: v.state, signerIds: v.signatures.map((s) => s.signerId) })),
        changedSinceSigned: overview.changedSinceSigned,
        canSign: !membership.closed && agreement.archivedAt === null,
      },
      membership.userId,
    );
    const about = status === 'in-effect' || status === 'changed-since-signed' ? overview.inEffect?.number : status === 'draft' ? undefined : overview.versions[0]?.number;
    statuses.set(agreement.id, { status, versionNumber: about ?? null });
  }
  return statuses;
}
