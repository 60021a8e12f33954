import { eq } from 'drizzle-orm';
import { commitmentSteps, commitments, type CommitmentRow, type CommitmentStatus, type CommitmentStepType } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { recordActivity } from '../activity/record-activity';
import { currentCommitmentText } from './current-commitment-text';

/** Activity types of the steps that change a commitment's status, one per step. */
const STEP_ACTIVITY = {
  requested: 'commitment-requested',
  accepted: 'commitment-accepted',
  declined: 'commitment-declined',
  created: 'commitment-created',
  paused: 'commitment-paused',
  resumed: 'commitment-resumed',
  completed: 'commitment-completed',
} as const;

/**
 * One step in a commitment's life, inside the caller's transaction: the new status (if any), the step
 * row with the person's note, and the activity item both partners see. Nothing earlier is rewritten.
 */
export async function recordCommitmentStep(
  tx: Executor,
  commitment: CommitmentRow,
  step: { type: Exclude<CommitmentStepType, 'changed'>; actorId: string; note: string | null; status?: CommitmentStatus; now: Date; extra?: Partial<Pick<CommitmentRow, 'ownerId' | 'startDate' | 'timeZone'>> },
): Promise<void> {
  if (step.status || step.extra) {
    await tx
      .update(commitments)
      .set({ ...(step.status ? { status: step.status } : {}), ...step.extra, updatedAt: step.now })
      .where(eq(commitments.id, commitment.id));
  }
  await tx.insert(commitmentSteps).values({ commitmentId: commitment.id, type: step.type, actorId: step.actorId, note: step.note, createdAt: step.now });
  const { text } = await currentCommitmentText(tx, commitment.id);
  await recordActivity(tx, { spaceId: commitment.spaceId, actorId: step.actorId, type: STEP_ACTIVITY[step.type], data: { commitmentId: commitment.id, text } });
}
