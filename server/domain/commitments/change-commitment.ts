import { eq } from 'drizzle-orm';
import { commitmentSteps, commitmentVersions, commitments } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireCommitment, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { conflict, invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { personName } from '../notes/person-name';
import { changeInputSchema } from './commitment-input';
import { publishCommitmentChanged } from './commitment-live-events';
import { currentCommitmentText } from './current-commitment-text';

/**
 * The owner rewords their commitment: a new version; every earlier wording stays in its history with
 * its date, and check-ins already given stay with the periods they were given for.
 */
export async function changeCommitment(db: Database, viewer: Viewer, commitmentId: string, input: unknown, now = new Date()): Promise<{ version: number }> {
  const parsed = changeInputSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { spaceId, actorId, version } = await db.transaction(async (tx) => {
    const { commitment, membership } = await requireCommitment(tx, viewer, commitmentId, 'change', { lock: true });
    const current = await currentCommitmentText(tx, commitment.id);
    if (current.text === parsed.data.text) throw conflict('These are the words it already has. Change them first.');
    const version = current.number + 1;
    await tx.insert(commitmentVersions).values({ commitmentId: commitment.id, number: version, text: parsed.data.text, createdBy: membership.userId, createdAt: now });
    await tx.insert(commitmentSteps).values({ commitmentId: commitment.id, type: 'changed', actorId: membership.userId, note: parsed.data.note, createdAt: now });
    await tx.update(commitments).set({ updatedAt: now }).where(eq(commitments.id, commitment.id));
    await recordActivity(tx, { spaceId: commitment.spaceId, actorId: membership.userId, type: 'commitment-changed', data: { commitmentId: commitment.id, text: parsed.data.text, version } });
    return { spaceId: commitment.spaceId, actorId: membership.userId, version };
  });
  publishCommitmentChanged(spaceId, { commitmentId, step: 'changed', actorId, actorName: await personName(db, actorId) });
  return { version };
}
