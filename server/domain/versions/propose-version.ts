/**
 * Either partner proposes the agreement's current text as the next numbered version. The proposal
 * is a record in the hash chain; the partner is told live and in the activity list.
 */
import { eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { agreementVersions, type AgreementVersionRow } from '../../../drizzle/schema';
import { requireAgreementSigner, type Viewer } from '../../access/authorization';
import type { Database } from '../../db/database';
import { publishLiveEvent } from '../../events/live-events';
import { recordActivity } from '../activity/record-activity';
import { conflict, invalidInput } from '../errors';
import { chainNext, type VersionRecord } from '../history/hash-chain';
import { lockAgreement, readChainHead } from './agreement-chain';
import { currentCanonical, readAgreementVersions } from './get-agreement-versions';

export const proposeVersionSchema = z.object({
  note: z
    .string()
    .trim()
    .max(500, 'Keep the note under 500 characters.')
    .transform((note) => (note === '' ? null : note))
    .nullable()
    .default(null),
});

export async function proposeVersion(db: Database, viewer: Viewer, documentId: string, input: { note?: string | null }, now = new Date()): Promise<AgreementVersionRow> {
  const access = await requireAgreementSigner(db, viewer, documentId);
  const parsed = proposeVersionSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues[0]?.message ?? 'Please check the note.', { note: parsed.error.issues.map((i) => i.message) });
  const { userId } = access.membership;
  const version = await db.transaction(async (tx) => {
    await lockAgreement(tx, documentId);
    const { content, lastSeq } = await currentCanonical(tx, documentId);
    if (content.trim() === '') throw conflict('The agreement is empty. Write what you agree on first, then propose it.');
    const existing = await readAgreementVersions(tx, documentId);
    const inEffect = existing.versions.find((v) => v.state === 'in-effect');
    if (existing.proposal?.state === 'open') throw conflict(`Version ${existing.proposal.number} with exactly this text is already waiting for signatures.`);
    if (inEffect && !existing.changedSinceSigned) throw conflict(`This text is already in effect as version ${inEffect.number}. Change the agreement first, then propose the new text.`);
    const [{ last } = { last: 0 }] = await tx.select({ last: max(agreementVersions.number) }).from(agreementVersions).where(eq(agreementVersions.documentId, documentId));
    const number = Number(last ?? 0) + 1;
    const record = chainNext<Omit<VersionRecord, 'hash'>>(await readChainHead(tx, documentId), {
      kind: 'version',
      agreementId: documentId,
      number,
      content,
      note: parsed.data.note,
      signerId: userId,
      at: now,
    });
    const [row] = await tx
      .insert(agreementVersions)
      .values({
        documentId,
        number,
        seq: lastSeq,
        content,
        note: record.note,
        proposedBy: userId,
        proposedAt: now,
        chainPosition: record.position,
        previousHash: record.previousHash,
        hash: record.hash,
      })
      .returning();
    await recordActivity(tx, { spaceId: access.document.spaceId, actorId: userId, type: 'version-proposed', data: { documentId, title: access.document.title, number } });
    return row!;
  });
  publishLiveEvent({ spaceId: access.document.spaceId, audience: 'space', event: 'version-proposed', payload: { documentId, number: version.number, by: userId } });
  return version;
}
