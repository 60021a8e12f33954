/**
 * Changing one's own name, password and email address. Each asks for the current password (except
 * the name), so a device someone left signed in is not enough to take the account over; those
 * password checks count towards sign-in throttling like a sign-in attempt.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { emailTokens, users, type User } from '../../../drizzle/schema';
import { isUniqueViolation, type Database } from '../../db/database';
import { hashPassword, verifyPassword } from '../../auth/password';
import { revokeOtherSessions } from '../../auth/sessions';
import { chargeAttempt, settleSuccessfulAttempt } from '../../auth/sign-in-throttle';
import { describeWait, normaliseClientAddress, signInThrottleKeys } from '../../auth/sign-in-throttle-policy';
import { publishSessionsRevoked } from '../../events/session-events';
import { AppError, invalidInput, notFound } from '../errors';
import { sendAccountMail } from './account-mail';
import {
  addressTakenEmail,
  confirmNewAddressEmail,
  emailChangeRequestedEmail,
  passwordChangedEmail,
} from './account-emails';
import { normaliseEmail } from './email';
import { EMAIL_CHANGE_TTL_MS, createEmailToken, markEmailTokenUsed, readEmailToken } from './email-tokens';

async function liveUser(db: Database, userId: string): Promise<User> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || user.deletedAt) throw notFound('That account');
  return user;
}

/** The current password, checked with the same throttling as a sign-in for this account from this address. */
async function checkCurrentPassword(db: Database, user: User, password: string, clientAddress: string | null, now: Date): Promise<void> {
  const keys = signInThrottleKeys(user.email, normaliseClientAddress(clientAddress));
  const charge = await chargeAttempt(db, keys, now);
  if (!charge.ok) throw new AppError('rate-limited', `Please wait ${describeWait(charge.waitMs)} and try again.`);
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw invalidInput('Your current password is not right.', { currentPassword: ['That password is not right.'] });
  }
  await settleSuccessfulAttempt(db, charge.charges, [keys[0]!.key]);
}

export async function changeName(db: Database, userId: string, name: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 60) throw invalidInput('Keep your name between 1 and 60 characters.', { name: ['Keep your name between 1 and 60 characters.'] });
  await liveUser(db, userId);
  await db.update(users).set({ name: trimmed }).where(eq(users.id, userId));
}

/**
 * A new password. Every other device is signed out (whoever knew the old password may be signed in
 * somewhere), this one stays; a short email tells the address the password changed, and nothing else.
 * Returns how many other devices were signed out.
 */
export async function changePassword(
  db: Database,
  input: { userId: string; currentPassword: string; newPassword: string; keepSessionId: string; clientAddress: string | null },
  now = new Date(),
): Promise<number> {
  const user = await liveUser(db, input.userId);
  await checkCurrentPassword(db, user, input.currentPassword, input.clientAddress, now);
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    return revokeOtherSessions(tx, user.id, input.keepSessionId, now);
  });
  if (ended.length > 0) publishSessionsRevoked({ userId: user.id, sessionIds: ended });
  await sendAccountMail(passwordChangedEmail(user.email));
  return ended.length;
}

/**
 * Asks to use a new address. Two confirmations: the current password now, and a single-use link
 * (24 hours) sent to the new address, which changes the address only when opened by this person,
 * signed in. The current address is told a change was requested. Whether the new address already
 * has an account is not said here (that would let anyone signed in check addresses): that address
 * gets an email saying so instead of a link.
 */
export async function requestEmailChange(
  db: Database,
  input: { userId: string; password: string; newEmail: string; linkBase: string; clientAddress: string | null },
  now = new Date(),
): Promise<void> {
  const user = await liveUser(db, input.userId);
  const newEmail = normaliseEmail(input.newEmail);
  if (newEmail === user.email) throw invalidInput('That is already your email address.', { newEmail: ['That is already your email address.'] });
  await checkCurrentPassword(db, user, input.password, input.clientAddress, now);
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, newEmail)).limit(1);
  if (taken) {
    await sendAccountMail(addressTakenEmail(newEmail));
  } else {
    const token = await db.transaction((tx) => createEmailToken(tx, { userId: user.id, purpose: 'email-change', ttlMs: EMAIL_CHANGE_TTL_MS, newEmail, now }));
    await sendAccountMail(confirmNewAddressEmail(newEmail, `${input.linkBase}/account/confirm-email/${token}`));
  }
  await sendAccountMail(emailChangeRequestedEmail(user.email));
}

export type EmailChangeOutcome = 'changed' | 'unknown' | 'used' | 'expired' | 'not-yours' | 'taken';

/**
 * Opening the link from the new address. Only the person who asked, signed in, can use it: opened in
 * someone else's session it changes nothing and stays usable. Links of a password reset sent to the
 * old address stop working.
 */
export async function confirmEmailChange(
  db: Database,
  input: { token: string; viewerUserId: string },
  now = new Date(),
): Promise<{ outcome: EmailChangeOutcome; email?: string }> {
  try {
    return await db.transaction(async (tx) => {
      const token = await readEmailToken(tx, input.token, 'email-change', now, { lock: true });
      if (token.state !== 'valid') return { outcome: token.state };
      const { row } = token;
      if (row.userId !== input.viewerUserId) return { outcome: 'not-yours' as const };
      const [owner] = await tx.select({ deletedAt: users.deletedAt }).from(users).where(eq(users.id, row.userId)).limit(1);
      if (!owner || owner.deletedAt || !row.newEmail) return { outcome: 'unknown' as const };
      await tx.update(users).set({ email: row.newEmail }).where(eq(users.id, row.userId));
      await markEmailTokenUsed(tx, row.id, now);
      await tx
        .update(emailTokens)
        .set({ usedAt: now })
        .where(and(eq(emailTokens.userId, row.userId), eq(emailTokens.purpose, 'password-reset'), isNull(emailTokens.usedAt)));
      return { outcome: 'changed' as const, email: row.newEmail };
    });
  } catch (error) {
    // Someone signed up with that address between the request and the click.
    if (isUniqueViolation(error)) return { outcome: 'taken' };
    throw error;
  }
}

/** What an email-change link is, for its page, as seen by this person (nothing is changed). */
export async function emailChangeLinkState(
  db: Database,
  input: { token: string; viewerUserId: string },
  now = new Date(),
): Promise<{ state: 'valid'; newEmail: string } | { state: 'unknown' | 'used' | 'expired' | 'not-yours' }> {
  const token = await readEmailToken(db, input.token, 'email-change', now);
  if (token.state !== 'valid') return { state: token.state };
  if (token.row.userId !== input.viewerUserId || !token.row.newEmail) return { state: 'not-yours' };
  return { state: 'valid', newEmail: token.row.newEmail };
}
