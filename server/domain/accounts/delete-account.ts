import { eq } from 'drizzle-orm';
import { users } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { findMembership } from '../../access/authorization';
import { verifyPassword } from '../../auth/password';
import { leaveSpace } from '../spaces/leave-space';
import { invalidInput, notFound } from '../errors';

/**
 * Delete a person's account for good. They leave their space first (their private documents go with
 * it, the partner keeps the shared ones), then the user row goes; every private row references it
 * with ON DELETE CASCADE, and shared rows keep their content with the author set to null.
 * The password is asked again so that a borrowed, signed-in device cannot do this.
 */
export async function deleteAccount(db: Database, userId: string, password: string): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw notFound('That account');
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw invalidInput('That password is not right.', { password: ['That password is not right.'] });
  }
  const membership = await findMembership(db, userId);
  if (membership) await leaveSpace(db, { userId }, membership.spaceId);
  await db.delete(users).where(eq(users.id, userId));
}
