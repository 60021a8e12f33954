import 'server-only';
import type { Database } from '@/server/db/database';
import { getDb } from '@/server/db/process-database';
import { runAction, type ActionState } from './action-result';
import { viewerOrThrow } from './viewer';

/**
 * The one shape of an action by a signed-in person: who is asking and the database, inside
 * runAction's error handling. Validation stays beside each action (its messages are its own); the
 * domain authorizes.
 */
export function authedAction(work: (actor: { viewer: { userId: string }; db: Database }) => Promise<ActionState>, values?: Record<string, string>): Promise<ActionState> {
  return runAction(async () => work({ viewer: await viewerOrThrow(), db: getDb() }), values);
}
