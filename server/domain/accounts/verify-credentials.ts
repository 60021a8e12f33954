import { eq } from 'drizzle-orm';
import { users, type User } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { dummyPasswordHash, verifyPassword } from '../../auth/password';
import { normaliseEmail } from './email';

/** The user for these credentials, or null. Unknown emails cost the same time as wrong passwords. */
export async function verifyCredentials(db: Database, email: string, password: string): Promise<User | null> {
  const [user] = await db.select().from(users).where(eq(users.email, normaliseEmail(email))).limit(1);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}
