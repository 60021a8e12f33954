import type { CommitmentRow, CommitmentStatus, CommitmentStepType } from '../../../drizzle/schema';
import type { Database, Executor } from '../../db/database';
import { requireCommitment, type CommitmentAction, type Membership, type Viewer } from '../../access/authorization';
import { invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { personName } from '../notes/person-name';
import { stepNoteSchema } from './commitment-input';
import { publishCommitmentChanged } from './commitment-live-events';
import { recordCommitmentStep } from './record-commitment-step';

type Extra = Partial<Pick<CommitmentRow, 'startDate' | 'timeZone'>>;

/**
 * The shape every status step shares (accept, decline, pause, resume, complete): validate the note,
 * lock the row and ask the authorization module, write the step, then tell both partners after commit.
 * `prepare` may refuse or add fields from the locked row (acceptance moves a past start to today).
 */
export async function takeCommitmentStep(
  db: Database,
  viewer: Viewer,
  commitmentId: string,
  input: unknown,
  step: { action: CommitmentAction; type: Exclude<CommitmentStepType, 'changed' | 'created' | 'requested'>; status: CommitmentStatus; now: Date },
  prepare?: (commitment: CommitmentRow, membership: Membership, tx: Executor) => Extra | Promise<Extra>,
): Promise<void> {
  const parsed = stepNoteSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { commitment, actorId } = await db.transaction(async (tx) => {
    const { commitment, membership } = await requireCommitment(tx, viewer, commitmentId, step.action, { lock: true });
    const extra = prepare ? await prepare(commitment, membership, tx) : undefined;
    await recordCommitmentStep(tx, commitment, { type: step.type, actorId: membership.userId, note: parsed.data.note, status: step.status, now: step.now, extra });
    return { commitment, actorId: membership.userId };
  });
  publishCommitmentChanged(commitment.spaceId, { commitmentId: commitment.id, step: step.type, actorId, actorName: await personName(db, actorId) });
}
