/**
 * One activity item as its space's members are told about it live (activity-feature.ts), or null when
 * it is gone or no longer passes its schema. Only the socket.io service calls this, for an id the
 * database itself announced; the audience is the item's own space.
 */
import { eq } from 'drizzle-orm';
import { activity, users } from '../../../drizzle/schema';
import { isUuid } from '../../access/authorization';
import type { Executor } from '../../db/database';
import type { ActivityAddedPayload } from './activity-notifications';
import { activitySchemas, type ActivityType } from './record-activity';

export async function getActivityAnnouncement(db: Executor, activityId: string): Promise<{ spaceId: string; payload: ActivityAddedPayload } | null> {
  if (!isUuid(activityId)) return null;
  const [row] = await db
    .select({ id: activity.id, spaceId: activity.spaceId, type: activity.type, data: activity.data, actorId: activity.actorId, actorName: users.name, createdAt: activity.createdAt })
    .from(activity)
    .leftJoin(users, eq(users.id, activity.actorId))
    .where(eq(activity.id, activityId))
    .limit(1);
  if (!row) return null;
  const schema = activitySchemas[row.type as ActivityType];
  if (!schema || !schema.safeParse(row.data).success) return null;
  return {
    spaceId: row.spaceId,
    payload: { activityId: row.id, type: row.type, actorId: row.actorId, actorName: row.actorName, data: row.data, createdAt: row.createdAt.toISOString() },
  };
}
