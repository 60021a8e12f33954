/**
 * "An activity item was added": one signal for every kind of activity, so a page showing the activity
 * list (or a notice about the partner's step) can update live without each feature publishing its own.
 *
 * recordActivity runs inside the caller's transaction, where publishing a live event would be too
 * early (the transaction may still fail, and a page re-reading the list would not see the item yet).
 * So it asks the database to announce the item instead: PostgreSQL (and PGlite) deliver a NOTIFY only
 * when the transaction that sent it commits, and never for one that rolls back. The socket.io service
 * listens on the channel (server/realtime/socket-io/activity-feature.ts) and tells the space's members.
 * With several server instances, every instance hears the same notification.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database';

/** The database channel; the payload is the activity item's id and nothing else. */
export const ACTIVITY_CHANNEL = 'mend_activity_added';

/** server → client, to both members of the space: one activity item was added (see ActivityAddedPayload). */
export const ACTIVITY_ADDED_EVENT = 'activity-added';

/**
 * What the members' clients receive: the item as the activity list shows it to both of them (its
 * validated data never holds anything private), so a notice can say who did what and link to it.
 */
export interface ActivityAddedPayload {
  activityId: string;
  type: string;
  actorId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export async function announceActivityAdded(tx: Executor, activityId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${ACTIVITY_CHANNEL}, ${activityId})`);
}
