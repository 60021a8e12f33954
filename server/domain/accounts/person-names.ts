/**
 * A person's own name and address, for pages that greet them or name who made something. Pages ask
 * here rather than query the users table themselves (no app/ file touches Drizzle).
 */
import { eq } from 'drizzle-orm';
import { users } from '@/drizzle/schema';
import type { Executor } from '@/server/db/database';

export async function readProfile(db: Executor, userId: string): Promise<{ name: string; email: string } | null> {
  const [user] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  return user ?? null;
}

/** The name of someone already shown to the reader (themself, or a co-member's work); null when the account is gone. */
export async function readName(db: Executor, userId: string): Promise<string | null> {
  const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
  return user?.name ?? null;
}
