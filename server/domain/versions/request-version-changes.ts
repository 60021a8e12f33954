/**
 * The partner who did not propose a version asks for changes instead of signing, with a comment.
 * It closes that proposal; the agreement stays open for editing and a new proposal.
 */
import { and, eq } from 'drizzle-orm';
import { agreementChangeRequests, agreementVersions } from '../../../drizzle/schema';
import { requireAgreementSigner, type Viewer } from '../../access/authorization';
import type { Database } from '../../db/database';
import { publishLiveEvent } from '../../events/live-events';
import { recordActivity } from '../activity/record-activity';
import { conflict, forbidden, invalidInput, notFound } from '../errors';
import { lockAgreement } from './agreement-chain';
import { readAgreementVersions } from './get-agreement-versions';
import { requestChangesSchema } from './request-changes-input';

export { requestChangesSchema };

export async function requestVersionChanges(db: Database, viewer: Viewer, documentId: string, number: number, input: { comment: string }, now = new Date()): Promise<void> {
  const access = await requireAgreementSigner(db, viewer, documentId);
  const parsed = requestChangesSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues[0]?.message ?? 'Please check the comment.', { comment: parsed.error.issues.map((i) => i.message) });
  const { userId } = access.membership;
  await db.transaction(async (tx) => {
    await lockAgreement(tx, documentId);
    const [row] = await tx.select().from(agreementVersions).where(and(eq(agreementVersions.documentId, documentId), eq(agreementVersions.number, number))).limit(1);
    if (!row) throw notFound(`Version ${number}`);
    if (row.proposedBy === userId) throw forbidden('You proposed this version. To change it, edit the agreement and propose it again.');
    const version = (await readAgreementVersions(tx, documentId)).versions.find((v) => v.number === number)!;
    if (version.signatures.some((s) => s.signerId === userId)) throw conflict(`You have already signed version ${number}.`);
    if (version.state !== 'open' && version.state !== 'stale') throw conflict(`Version ${number} is no longer waiting for signatures.`);
    await tx.insert(agreementChangeRequests).values({ versionId: row.id, requestedBy: userId, comment: parsed.data.comment, createdAt: now });
    await recordActivity(tx, { spaceId: access.document.spaceId, actorId: userId, type: 'version-changes-requested', data: { documentId, title: access.document.title, number } });
  });
  publishLiveEvent({ spaceId: access.document.spaceId, audience: 'space', event: 'version-changes-requested', payload: { documentId, number, by: userId } });
}
