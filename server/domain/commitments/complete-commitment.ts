import type { Database } from '../../db/database';
import type { Viewer } from '../../access/authorization';
import { takeCommitmentStep } from './take-commitment-step';

/** The owner completes a commitment, with a note if they wish. Its history and check-ins stay for both to read. */
export async function completeCommitment(db: Database, viewer: Viewer, commitmentId: string, input: unknown = {}, now = new Date()): Promise<void> {
  await takeCommitmentStep(db, viewer, commitmentId, input, { action: 'complete', type: 'completed', status: 'completed', now });
}
