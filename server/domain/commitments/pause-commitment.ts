import type { Database } from '../../db/database';
import type { Viewer } from '../../access/authorization';
import { takeCommitmentStep } from './take-commitment-step';

/** The owner pauses an active commitment, with a note if they wish. Paused, it takes no check-ins; nothing already said changes. */
export async function pauseCommitment(db: Database, viewer: Viewer, commitmentId: string, input: unknown = {}, now = new Date()): Promise<void> {
  await takeCommitmentStep(db, viewer, commitmentId, input, { action: 'pause', type: 'paused', status: 'paused', now });
}
