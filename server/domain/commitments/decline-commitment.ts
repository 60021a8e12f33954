import type { Database } from '../../db/database';
import type { Viewer } from '../../access/authorization';
import { takeCommitmentStep } from './take-commitment-step';

/** The one asked declines, with a note if they wish. The commitment is kept, as declined, for both to see. */
export async function declineCommitment(db: Database, viewer: Viewer, commitmentId: string, input: unknown = {}, now = new Date()): Promise<void> {
  await takeCommitmentStep(db, viewer, commitmentId, input, { action: 'decline', type: 'declined', status: 'declined', now });
}
