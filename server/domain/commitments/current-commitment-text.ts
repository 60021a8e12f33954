import { desc, eq } from 'drizzle-orm';
import { commitmentVersions } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';

/** A commitment's words now: its highest-numbered version. */
export async function currentCommitmentText(db: Executor, commitmentId: string): Promise<{ text: string; number: number }> {
  const [row] = await db
    .select({ text: commitmentVersions.text, number: commitmentVersions.number })
    .from(commitmentVersions)
    .where(eq(commitmentVersions.commitmentId, commitmentId))
    .orderBy(desc(commitmentVersions.number))
    .limit(1);
  if (!row) throw new Error(`commitment ${commitmentId} has no version`);
  return row;
}
