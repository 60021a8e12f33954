import { eq } from 'drizzle-orm';
import { users, type User } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { dummyPasswordHash, verifyPassword } from '../../auth/password';
import { chargeAttempt, settleSuccessfulAttempt } from '../../auth/sign-in-throttle';
import { normaliseClientAddress, signInThrottleKeys } from '../../auth/sign-in-throttle-policy';
import { normaliseEmail } from './email';

export type CredentialsCheck =
  | { ok: true; user: User }
  /** Wrong email or password, or an account that was deleted: deliberately one answer. */
  | { ok: false; reason: 'mismatch' }
  /** Too many recent failures for this account from this address (or from this address): try again after `waitMs`. */
  | { ok: false; reason: 'paused'; waitMs: number };

/**
 * Checks a sign-in, with throttling built in so that every way in (the sign-in form, next-auth's own
 * callback endpoint, anything added later) is counted the same. While a wait is running, the attempt
 * is refused before the password is looked at: even the right password does not get in, so a guesser
 * learns nothing by trying during the wait. Unknown emails cost the same time as wrong passwords.
 */
export async function verifyCredentials(
  db: Database,
  input: { email: string; password: string; clientAddress: string | null },
  now = new Date(),
): Promise<CredentialsCheck> {
  const email = normaliseEmail(input.email);
  const keys = signInThrottleKeys(email, normaliseClientAddress(input.clientAddress));
  const charge = await chargeAttempt(db, keys, now);
  if (!charge.ok) return { ok: false, reason: 'paused', waitMs: charge.waitMs };

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  // A deleted account's tombstone can never sign in, whatever its stored hash.
  const live = user && !user.deletedAt ? user : null;
  const matches = await verifyPassword(live?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!live || !matches) return { ok: false, reason: 'mismatch' };

  await settleSuccessfulAttempt(db, charge.charges, [keys[0]!.key]);
  return { ok: true, user: live };
}
