import { eq } from 'drizzle-orm';
import { amendCommitments } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';

/** Replaces the commitments an amend links to ("what I am doing to repair it"). Inside the caller's transaction. */
export async function saveAmendCommitments(tx: Executor, amendId: string, commitmentIds: string[]): Promise<void> {
  await tx.delete(amendCommitments).where(eq(amendCommitments.amendId, amendId));
  if (commitmentIds.length === 0) return;
  await tx.insert(amendCommitments).values(commitmentIds.map((commitmentId) => ({ amendId, commitmentId })));
}
