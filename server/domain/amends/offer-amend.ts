import { eq } from 'drizzle-orm';
import { amends } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireAmend, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { personName } from '../notes/person-name';
import { publishAmendDraftsChanged, publishAmendEvent } from './amend-live-events';

/** Offers a draft to the partner. From now on its words and links stay exactly as offered. */
export async function offerAmend(db: Database, viewer: Viewer, amendId: string, now = new Date()): Promise<void> {
  const { amend, actorName } = await db.transaction(async (tx) => {
    const { amend } = await requireAmend(tx, viewer, amendId, 'offer', { lock: true });
    await tx.update(amends).set({ status: 'offered', offeredAt: now, updatedAt: now }).where(eq(amends.id, amend.id));
    await recordActivity(tx, { spaceId: amend.spaceId, actorId: amend.authorId, type: 'amend-offered', data: {} });
    return { amend, actorName: await personName(tx, amend.authorId) };
  });
  publishAmendDraftsChanged(amend.spaceId, amend.authorId, amend.id);
  publishAmendEvent(amend.spaceId, 'amend-offered', { amendId: amend.id, actorId: amend.authorId, actorName });
}
