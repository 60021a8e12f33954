import { users, type User } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/database';
import { hashPassword } from '../../auth/password';
import { AppError } from '../errors';
import { normaliseEmail } from './email';

export async function registerUser(db: Database, input: { name: string; email: string; password: string }): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  try {
    const [user] = await db
      .insert(users)
      .values({ name: input.name.trim(), email: normaliseEmail(input.email), passwordHash })
      .returning();
    return user!;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', 'An account with this email already exists. Try signing in instead.', {
        email: ['An account with this email already exists.'],
      });
    }
    throw error;
  }
}
