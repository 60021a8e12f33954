import { eq } from 'drizzle-orm';
import { users, type User } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { dummyPasswordHash, verifyPassword } from '../../auth/password';
import { chargeAttempt, settleSuccessfulAttempt } from '../../auth/sign-in-throttle';
import { ACCOUNT_AT_ADDRESS_POLICY, normaliseClientAddress, signInThrottleKeys, type ThrottleKey } from '../../auth/sign-in-throttle-policy';
import { twoFactorEnabled, verifySecondStep } from '../../auth/two-factor';
import { normaliseEmail } from './email';

export type CredentialsCheck =
  | { ok: true; user: User }
  /** Wrong email or password, or an account that was deleted: deliberately one answer. */
  | { ok: false; reason: 'mismatch' }
  /** Too many recent failures for this account from this address (or from this address): try again after `waitMs`. */
  | { ok: false; reason: 'paused'; waitMs: number }
  /**
   * The password is right and this person has two-step sign-in: a code from their app (or a recovery
   * code) is needed. No session exists yet; the form asks for the code and sends everything again.
   */
  | { ok: false; reason: 'code-needed' }
  /** The password is right but the code is not (wrong, already used, or an unknown recovery code). */
  | { ok: false; reason: 'code-mismatch' };

/**
 * Checks a sign-in, with throttling built in so that every way in (the sign-in form, next-auth's own
 * callback endpoint, anything added later) is counted the same. While a wait is running, the attempt
 * is refused before the password is looked at: even the right password does not get in, so a guesser
 * learns nothing by trying during the wait. Unknown emails cost the same time as wrong passwords.
 */
export async function verifyCredentials(
  db: Database,
  input: { email: string; password: string; code?: string | undefined; clientAddress: string | null },
  now = new Date(),
): Promise<CredentialsCheck> {
  const email = normaliseEmail(input.email);
  const code = input.code?.trim() || undefined;
  // A code is also counted per account whatever the address, so spreading guesses of six digits over
  // many addresses does not help; only attempts that carry a code are counted there.
  const keys = [...signInThrottleKeys(email, normaliseClientAddress(input.clientAddress)), ...(code ? [secondStepThrottleKey(email)] : [])];
  const charge = await chargeAttempt(db, keys, now);
  if (!charge.ok) return { ok: false, reason: 'paused', waitMs: charge.waitMs };

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  // A deleted account's tombstone can never sign in, whatever its stored hash.
  const live = user && !user.deletedAt ? user : null;
  const matches = await verifyPassword(live?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!live || !matches) return { ok: false, reason: 'mismatch' };

  if (await twoFactorEnabled(db, live.id)) {
    if (!code) {
      // Not a failure: the person simply has not been asked for the code yet.
      await settleSuccessfulAttempt(db, charge.charges, []);
      return { ok: false, reason: 'code-needed' };
    }
    // A wrong code keeps the attempt counted, so codes are throttled like passwords.
    if (!(await verifySecondStep(db, live.id, code, now))) return { ok: false, reason: 'code-mismatch' };
  }

  await settleSuccessfulAttempt(db, charge.charges, keys.filter((k) => k.key !== keys[1]!.key).map((k) => k.key));
  return { ok: true, user: live };
}

/** Codes for one account, from any address: five wrong ones free, then 1 s, 2 s, 4 s … up to 15 minutes. */
export function secondStepThrottleKey(email: string): ThrottleKey {
  return { key: `second-step:${email}`, policy: ACCOUNT_AT_ADDRESS_POLICY };
}
