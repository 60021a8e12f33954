import { eq } from 'drizzle-orm';
import { amends } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireAmend, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { personName } from '../notes/person-name';
import { publishAmendEvent } from './amend-live-events';

/**
 * The author takes an offered amend back. The row stays so the partner is told "an amend was
 * withdrawn"; from now on the partner gets none of its words (authorization.ts, get-amend.ts).
 */
export async function withdrawAmend(db: Database, viewer: Viewer, amendId: string, now = new Date()): Promise<void> {
  const { amend, actorName } = await db.transaction(async (tx) => {
    const { amend } = await requireAmend(tx, viewer, amendId, 'withdraw', { lock: true });
    await tx.update(amends).set({ status: 'withdrawn', withdrawnAt: now, updatedAt: now }).where(eq(amends.id, amend.id));
    await recordActivity(tx, { spaceId: amend.spaceId, actorId: amend.authorId, type: 'amend-withdrawn', data: {} });
    return { amend, actorName: await personName(tx, amend.authorId) };
  });
  publishAmendEvent(amend.spaceId, 'amend-withdrawn', { amendId: amend.id, actorId: amend.authorId, actorName });
}
