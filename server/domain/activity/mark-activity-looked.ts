/**
 * "I have seen the activity up to here": moves this person's own marker (space_members.last_looked_at)
 * forward to the time of the newest item they were shown. The marker only ever moves forward, so a
 * second tab showing an older page, or a late request, cannot bring back items as new.
 *
 * `upTo` is an item's id rather than a time: the marker then lands exactly (to the microsecond) on an
 * item that exists in this space, never on a moment the client made up, and an item that arrives
 * while the page is being looked at stays new until it has been shown too.
 *
 * Looking changes nothing shared, so it is allowed in a closed space as well (intent 'read').
 */
import { and, eq, exists, sql } from 'drizzle-orm';
import { activity, spaceMembers } from '../../../drizzle/schema';
import { isUuid, requireSpaceMember, type Viewer } from '../../access/authorization';
import type { Executor } from '../../db/database';
import { invalidInput, notFound } from '../errors';

export async function markActivityLooked(db: Executor, viewer: Viewer, spaceId: string, upTo: string): Promise<{ lastLookedAt: Date }> {
  const membership = await requireSpaceMember(db, viewer, spaceId, 'read');
  if (!isUuid(upTo)) throw invalidInput('That activity item could not be found.', { upTo: ['Not an activity item.'] });
  const item = and(eq(activity.id, upTo), eq(activity.spaceId, spaceId));
  const updated = await db
    .update(spaceMembers)
    // greatest() ignores a null marker (never looked) and never moves an existing one back.
    .set({ lastLookedAt: sql`greatest(${spaceMembers.lastLookedAt}, (select ${activity.createdAt} from ${activity} where ${item}))` })
    .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, membership.userId), exists(db.select({ one: sql`1` }).from(activity).where(item))))
    .returning({ lastLookedAt: spaceMembers.lastLookedAt });
  const row = updated[0];
  if (!row?.lastLookedAt) throw notFound('That activity item');
  return { lastLookedAt: row.lastLookedAt };
}
