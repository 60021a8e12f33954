/**
 * One page of a space's activity list as one member sees it: newest first, each item marked `isNew`
 * when it came after this person last looked (mark-activity-looked.ts) and was not their own doing.
 * Someone who has never looked counts from when they joined, so a new partner is not shown the whole
 * history before them as "new".
 *
 * The marker is this person's alone: it is never shown to the partner, who cannot tell whether or
 * when the other looked (no tracking of the partner's reading).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { activity, spaceMembers, users } from '../../../drizzle/schema';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import type { Executor } from '../../db/database';
import { invalidInput } from '../errors';
import { decodeActivityCursor, encodeActivityCursor } from './activity-cursor';
import { activitySchemas, type ActivityItem, type ActivityType } from './record-activity';

export interface ActivityPageItem extends ActivityItem {
  isNew: boolean;
}

export interface ActivityPage {
  items: ActivityPageItem[];
  /** Pass as `before` for the next (older) page; null when this page reaches the first item. */
  nextCursor: string | null;
}

export const ACTIVITY_PAGE_SIZE = 20;
export const ACTIVITY_PAGE_MAX = 100;

/** Reading is allowed in a closed space too (read-only, like everything else there). */
export async function listActivityPage(
  db: Executor,
  viewer: Viewer,
  spaceId: string,
  options: { before?: string | null; limit?: number } = {},
): Promise<ActivityPage> {
  const membership = await requireSpaceMember(db, viewer, spaceId, 'read');
  const limit = options.limit ?? ACTIVITY_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > ACTIVITY_PAGE_MAX) {
    throw invalidInput(`A page of activity holds between 1 and ${ACTIVITY_PAGE_MAX} items.`, { limit: [`Choose a number from 1 to ${ACTIVITY_PAGE_MAX}.`] });
  }
  const cursor = options.before ? decodeActivityCursor(options.before) : null;
  if (options.before && !cursor) {
    throw invalidInput('That page of the activity list could not be found. Reload the page to start from the newest.', { before: ['Not a page of this list.'] });
  }

  // Compared inside the database, to the microsecond, rather than through a JavaScript Date.
  const lookedSince = sql`(select coalesce(${spaceMembers.lastLookedAt}, ${spaceMembers.joinedAt}) from ${spaceMembers} where ${spaceMembers.spaceId} = ${spaceId} and ${spaceMembers.userId} = ${membership.userId})`;
  const rows = await db
    .select({
      id: activity.id,
      type: activity.type,
      data: activity.data,
      actorId: activity.actorId,
      actorName: users.name,
      createdAt: activity.createdAt,
      exactCreatedAt: sql<string>`to_char(${activity.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      isNew: sql<boolean>`(${activity.createdAt} > ${lookedSince} and ${activity.actorId} is distinct from ${membership.userId})`,
    })
    .from(activity)
    .leftJoin(users, eq(users.id, activity.actorId))
    .where(
      and(
        eq(activity.spaceId, spaceId),
        cursor ? sql`(${activity.createdAt}, ${activity.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(activity.createdAt), desc(activity.id))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  // The cursor comes from the last row read, valid or not, so an item that fails validation (and is
  // left out) can never make a page repeat or stop early.
  const nextCursor = rows.length > limit && last ? encodeActivityCursor({ createdAt: last.exactCreatedAt, id: last.id }) : null;
  const items = page.flatMap((row): ActivityPageItem[] => {
    const schema = activitySchemas[row.type as ActivityType];
    if (!schema || !schema.safeParse(row.data).success) return [];
    const { exactCreatedAt: _exact, ...item } = row;
    return [{ ...item, type: row.type as ActivityType, isNew: Boolean(row.isNew) }];
  });
  return { items, nextCursor };
}
