import { users, type User } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/database';
import { hashPassword } from '../../auth/password';
import { chargeAttempt } from '../../auth/sign-in-throttle';
import { configuredSignUpPolicy, describeWait, normaliseClientAddress, signUpThrottleKey } from '../../auth/sign-in-throttle-policy';
import { AppError } from '../errors';
import { normaliseEmail } from './email';

/**
 * Creates an account. Sign-up says plainly when an email already has an account (see
 * docs/accounts-and-sessions.md for why), so sign-ups from the web are counted per client address
 * (`clientAddress`; the sign-up form always passes it): a handful an hour are free, then each waits
 * longer, which makes checking a list of emails slow. Tests and scripts that pass no address are not counted.
 */
export async function registerUser(
  db: Database,
  input: { name: string; email: string; password: string },
  options: { clientAddress?: string | null; now?: Date } = {},
): Promise<User> {
  if (options.clientAddress !== undefined) {
    const key = signUpThrottleKey(normaliseClientAddress(options.clientAddress), configuredSignUpPolicy());
    const charge = await chargeAttempt(db, [key], options.now);
    if (!charge.ok) {
      throw new AppError('rate-limited', `Please wait ${describeWait(charge.waitMs)} before creating an account from here.`);
    }
  }
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
