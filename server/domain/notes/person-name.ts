import { eq } from 'drizzle-orm';
import { users } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';

/** A member's display name, for live notifications ("Sam shared a note"). */
export async function personName(db: Executor, userId: string): Promise<string> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.name ?? 'Your partner';
}
