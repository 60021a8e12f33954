/**
 * The space's activity list: what both partners may see happened. Each event type has a zod schema;
 * rows are written in the same transaction as the change they record and validated on read.
 */
import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { activity, users } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { announceActivityAdded } from './activity-notifications';

export const activitySchemas = {
  'space-created': z.object({ name: z.string() }),
  'member-joined': z.object({}),
  'member-left': z.object({}),
  'invite-created': z.object({}),
  'invite-revoked': z.object({}),
  'agreement-created': z.object({ documentId: z.string(), title: z.string(), templateId: z.string().optional() }),
  'agreement-renamed': z.object({ documentId: z.string(), from: z.string(), to: z.string() }),
  'agreement-archived': z.object({ documentId: z.string(), title: z.string() }),
  'agreement-unarchived': z.object({ documentId: z.string(), title: z.string() }),
  // Notes: never any content (not even which feelings); a retraction is recorded, a draft never.
  'note-shared': z.object({}),
  'note-acknowledged': z.object({}),
  'note-replied': z.object({}),
  'note-retracted': z.object({}),
  // Agreement versions: the version number and title, never the agreement's text.
  'version-proposed': z.object({ documentId: z.string(), title: z.string(), number: z.number().int() }),
  'version-signed': z.object({ documentId: z.string(), title: z.string(), number: z.number().int(), inEffect: z.boolean() }),
  'version-changes-requested': z.object({ documentId: z.string(), title: z.string(), number: z.number().int() }),
  'agreement-restored': z.object({ documentId: z.string(), title: z.string(), from: z.string() }),
  'conversation-proposed': z.object({ conversationId: z.string(), topic: z.string() }),
  'conversation-ended': z.object({ conversationId: z.string(), topic: z.string(), started: z.boolean() }),
  // Commitments: the words said to the partner, never a check-in's value or note. A check-in is
  // recorded only when it becomes visible to the partner (both gave theirs, or the period had ended).
  'commitment-created': z.object({ commitmentId: z.string(), text: z.string() }),
  'commitment-requested': z.object({ commitmentId: z.string(), text: z.string() }),
  'commitment-accepted': z.object({ commitmentId: z.string(), text: z.string() }),
  'commitment-declined': z.object({ commitmentId: z.string(), text: z.string() }),
  'commitment-paused': z.object({ commitmentId: z.string(), text: z.string() }),
  'commitment-resumed': z.object({ commitmentId: z.string(), text: z.string() }),
  'commitment-changed': z.object({ commitmentId: z.string(), text: z.string(), version: z.number().int() }),
  'commitment-completed': z.object({ commitmentId: z.string(), text: z.string() }),
  'commitment-checked-in': z.object({ commitmentId: z.string(), text: z.string(), both: z.boolean() }),
  // Amends: never any words (not the author's, not the partner's response); a draft is never recorded.
  'amend-offered': z.object({}),
  'amend-received': z.object({}),
  'amend-affected-shared': z.object({ changed: z.boolean() }),
  'amend-withdrawn': z.object({}),
  // Shared experiences: the title the couple gave the idea (shared with both from the start), never
  // an idea's notes or a memory's words.
  'experience-added': z.object({ experienceId: z.string(), title: z.string() }),
  'experience-planned': z.object({ experienceId: z.string(), title: z.string(), plannedFor: z.string() }),
  'experience-done': z.object({ experienceId: z.string(), title: z.string() }),
  'experience-memory-added': z.object({ experienceId: z.string(), title: z.string() }),
  'experience-removed': z.object({ title: z.string() }),
} satisfies Record<string, z.ZodType>;

/** Features add their event types here so the activity list stays one validated vocabulary. */
export type ActivityType = keyof typeof activitySchemas;

export async function recordActivity<T extends ActivityType>(
  tx: Executor,
  entry: { spaceId: string; actorId: string | null; type: T; data: z.infer<(typeof activitySchemas)[T]> },
): Promise<void> {
  const data = activitySchemas[entry.type].parse(entry.data) as Record<string, unknown>;
  const [row] = await tx.insert(activity).values({ spaceId: entry.spaceId, actorId: entry.actorId, type: entry.type, data }).returning({ id: activity.id });
  // Heard by the members' open pages only once the caller's transaction commits (activity-notifications.ts).
  await announceActivityAdded(tx, row!.id);
}

export interface ActivityItem {
  id: string;
  type: ActivityType;
  data: Record<string, unknown>;
  actorId: string | null;
  actorName: string | null;
  createdAt: Date;
}

/** Newest first. Callers must have authorized the viewer for the space (server/access/authorization.ts). */
export async function listActivity(db: Executor, spaceId: string, options: { before?: Date; limit?: number } = {}): Promise<ActivityItem[]> {
  const rows = await db
    .select({ id: activity.id, type: activity.type, data: activity.data, actorId: activity.actorId, actorName: users.name, createdAt: activity.createdAt })
    .from(activity)
    .leftJoin(users, eq(users.id, activity.actorId))
    .where(options.before ? and(eq(activity.spaceId, spaceId), lt(activity.createdAt, options.before)) : eq(activity.spaceId, spaceId))
    .orderBy(desc(activity.createdAt))
    .limit(options.limit ?? 30);
  return rows.flatMap((row) => {
    const schema = activitySchemas[row.type as ActivityType];
    if (!schema || !schema.safeParse(row.data).success) return [];
    return [{ ...row, type: row.type as ActivityType }];
  });
}
