/**
 * "Forgot your password": a single-use link (30 minutes) to the account's address.
 *
 * The answer is the same whether or not an account exists, and takes about the same time: the email
 * is sent after the answer (never awaited by the request), and every request is padded to a fixed
 * minimum duration so a database write for a real account does not show. Requests are counted per
 * address typed and per client address (every request, like sign-up, since each one sends an email):
 * a handful an hour are free, then each waits longer.
 */
import { eq } from 'drizzle-orm';
import { users } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { hashPassword } from '../../auth/password';
import { revokeAllSessions } from '../../auth/sessions';
import { chargeAttempt } from '../../auth/sign-in-throttle';
import { normaliseClientAddress, type ThrottleKey, type ThrottlePolicy } from '../../auth/sign-in-throttle-policy';
import { publishSessionsRevoked } from '../../events/session-events';
import { sendAccountMail } from './account-mail';
import { passwordChangedEmail, passwordResetEmail } from './account-emails';
import { normaliseEmail } from './email';
import { PASSWORD_RESET_TTL_MS, createEmailToken, markEmailTokenUsed, readEmailToken, type TokenState } from './email-tokens';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** One address typed: three emails an hour, then 5 minutes, 10, 20 … up to an hour between them. */
export const RESET_EMAIL_POLICY: ThrottlePolicy = { freeFailures: 3, windowMs: HOUR, baseDelayMs: 5 * MINUTE, maxDelayMs: HOUR };
/** One client address across all addresses typed: looser, since many people can share an address. */
export const RESET_ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 20, windowMs: HOUR, baseDelayMs: MINUTE, maxDelayMs: HOUR };
/** Every answer takes at least this long, whatever happened behind it. */
export const RESET_ANSWER_MIN_MS = 400;

export function passwordResetThrottleKeys(email: string, clientAddress: string): ThrottleKey[] {
  return [
    { key: `reset:${email}`, policy: RESET_EMAIL_POLICY },
    { key: `reset-ip:${clientAddress}`, policy: RESET_ADDRESS_POLICY },
  ];
}

export type ResetRequest =
  | { outcome: 'answered'; /** Settles when the email (if any) has been handed over; the request does not wait for it. */ delivery: Promise<void> }
  | { outcome: 'paused'; waitMs: number };

export async function requestPasswordReset(
  db: Database,
  input: { email: string; clientAddress: string | null; linkBase: string },
  now = new Date(),
  minimumMs = RESET_ANSWER_MIN_MS,
): Promise<ResetRequest> {
  const started = performance.now();
  const email = normaliseEmail(input.email);
  const charge = await chargeAttempt(db, passwordResetThrottleKeys(email, normaliseClientAddress(input.clientAddress)), now);
  let result: ResetRequest;
  if (!charge.ok) {
    result = { outcome: 'paused', waitMs: charge.waitMs };
  } else {
    const [user] = await db.select({ id: users.id, email: users.email, deletedAt: users.deletedAt }).from(users).where(eq(users.email, email)).limit(1);
    if (user && !user.deletedAt) {
      const token = await db.transaction((tx) => createEmailToken(tx, { userId: user.id, purpose: 'password-reset', ttlMs: PASSWORD_RESET_TTL_MS, now }));
      result = { outcome: 'answered', delivery: sendAccountMail(passwordResetEmail(user.email, `${input.linkBase}/reset-password/${token}`)) };
    } else {
      result = { outcome: 'answered', delivery: Promise.resolve() };
    }
  }
  const left = minimumMs - (performance.now() - started);
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  return result;
}

/** What a reset link is now, for its page (nothing is changed). */
export async function passwordResetLinkState(db: Database, token: string, now = new Date()): Promise<TokenState['state']> {
  return (await readEmailToken(db, token, 'password-reset', now)).state;
}

/**
 * Sets the new password from a reset link: the token is checked and marked used, the password
 * changed and every session of the person ended, in one transaction. Nobody is signed in by this:
 * on a shared device the person signs in themselves.
 */
export async function resetPassword(
  db: Database,
  input: { token: string; newPassword: string },
  now = new Date(),
): Promise<'changed' | 'unknown' | 'used' | 'expired'> {
  // Hashed before the transaction: on PGlite a transaction holds the whole database.
  const passwordHash = await hashPassword(input.newPassword);
  const result = await db.transaction(async (tx) => {
    const token = await readEmailToken(tx, input.token, 'password-reset', now, { lock: true });
    if (token.state !== 'valid') return { outcome: token.state };
    const [user] = await tx.select({ email: users.email, deletedAt: users.deletedAt }).from(users).where(eq(users.id, token.row.userId)).limit(1);
    if (!user || user.deletedAt) return { outcome: 'unknown' as const };
    await tx.update(users).set({ passwordHash }).where(eq(users.id, token.row.userId));
    await markEmailTokenUsed(tx, token.row.id, now);
    await revokeAllSessions(tx, token.row.userId, now);
    return { outcome: 'changed' as const, userId: token.row.userId, email: user.email };
  });
  if (result.outcome !== 'changed') return result.outcome;
  publishSessionsRevoked({ userId: result.userId!, sessionIds: null });
  void sendAccountMail(passwordChangedEmail(result.email!));
  return 'changed';
}
