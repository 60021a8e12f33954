import type { Database } from '../../db/database';
import type { Viewer } from '../../access/authorization';
import { takeCommitmentStep } from './take-commitment-step';

/** The owner resumes a paused commitment; check-ins start again with the period running now. */
export async function resumeCommitment(db: Database, viewer: Viewer, commitmentId: string, input: unknown = {}, now = new Date()): Promise<void> {
  await takeCommitmentStep(db, viewer, commitmentId, input, { action: 'resume', type: 'resumed', status: 'active', now });
}
