/**
 * Two-step sign-in with an authenticator app (TOTP, RFC 6238: six digits every 30 seconds).
 *
 * - The shared secret is stored encrypted (AES-256-GCM) with a key derived from the auth secret, so
 *   a copy of the database alone cannot produce codes.
 * - Setup is confirmed with a first code before it counts; until then the row has enabledAt null.
 * - A code is accepted once: the time step it belonged to is kept (lastUsedStep) and a code from
 *   that step or an earlier one is refused, with a conditional update so two sign-ins at once
 *   cannot both use it.
 * - Ten recovery codes (60 random bits each) are shown once and stored as SHA-256 hashes (enough for
 *   random codes: there is no dictionary to guess from); each works once.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { recoveryCodes, twoFactor, users } from '../../drizzle/schema';
import type { Database, Executor } from '../db/database';
import { invalidInput } from '../domain/errors';
import { verifyPassword } from './password';

export const RECOVERY_CODE_COUNT = 10;
/** One step either side: a phone clock a little off, or a code typed just as it changed, still works. */
const EPOCH_TOLERANCE_SECONDS = 30;
const ISSUER = 'Mend';

function authSecret(): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set: the server sets it at start (server/main.ts)');
  return secret;
}

function encryptionKey(): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret(), 'mend', 'two-factor secret v1', 32));
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('two-factor secret has an unknown format');
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** Six digits (spaces allowed) is an authenticator code; anything else is tried as a recovery code. */
export function isTotpShaped(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s+/g, ''));
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}

/** Letters and digits that cannot be misread for one another (no 0/o, 1/l/i). */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
function newRecoveryCode(): string {
  // 12 characters of a 31-letter alphabet: about 59 bits, shown as three groups of four.
  const chars = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

export async function twoFactorEnabled(db: Executor, userId: string): Promise<boolean> {
  const [row] = await db.select({ enabledAt: twoFactor.enabledAt }).from(twoFactor).where(eq(twoFactor.userId, userId)).limit(1);
  return Boolean(row?.enabledAt);
}

export type TwoFactorSetup = { secret: string; uri: string; qrDataUrl: string };

/**
 * Starts (or restarts) setting up two-step sign-in: a new secret, not yet in force. Needs the
 * password: otherwise someone on a device left signed in could turn it on with their own phone and
 * lock the owner out. Refused while it is on (turning it off first needs the password and a code).
 */
export async function beginTwoFactorSetup(db: Database, userId: string, password: string, now = new Date()): Promise<TwoFactorSetup> {
  const [user] = await db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    throw invalidInput('That password is not right.', { password: ['That password is not right.'] });
  }
  if (await twoFactorEnabled(db, userId)) throw invalidInput('Two-step sign-in is already on.');
  const secret = generateSecret();
  const secretEncrypted = encryptSecret(secret);
  await db
    .insert(twoFactor)
    .values({ userId, secretEncrypted, enabledAt: null, lastUsedStep: null, createdAt: now })
    .onConflictDoUpdate({ target: twoFactor.userId, set: { secretEncrypted, enabledAt: null, lastUsedStep: null, createdAt: now } });
  const uri = generateURI({ issuer: ISSUER, label: user.email, secret });
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { secret, uri, qrDataUrl };
}

/** The setup in progress (secret and QR code again), for showing the page once more; null when none. */
export async function pendingTwoFactorSetup(db: Database, userId: string): Promise<TwoFactorSetup | null> {
  const [row] = await db
    .select({ secretEncrypted: twoFactor.secretEncrypted, enabledAt: twoFactor.enabledAt, email: users.email })
    .from(twoFactor)
    .innerJoin(users, eq(users.id, twoFactor.userId))
    .where(eq(twoFactor.userId, userId))
    .limit(1);
  if (!row || row.enabledAt) return null;
  const secret = decryptSecret(row.secretEncrypted);
  const uri = generateURI({ issuer: ISSUER, label: row.email, secret });
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }) };
}

/**
 * Checks an authenticator code against this secret and, if right, records its time step so it
 * cannot be used again. True only for the one call that recorded it.
 */
async function useTotpCode(db: Executor, userId: string, secretEncrypted: string, lastUsedStep: number | null, code: string, now: Date): Promise<boolean> {
  const result = await verify({
    secret: decryptSecret(secretEncrypted),
    token: code.replace(/\s+/g, ''),
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: EPOCH_TOLERANCE_SECONDS,
    ...(lastUsedStep !== null ? { afterTimeStep: lastUsedStep } : {}),
  });
  // otplib's verify answers for HOTP and TOTP alike; only a TOTP result carries its time step.
  if (!result.valid || !('timeStep' in result)) return false;
  const step = result.timeStep;
  const recorded = await db
    .update(twoFactor)
    .set({ lastUsedStep: step })
    .where(and(eq(twoFactor.userId, userId), or(isNull(twoFactor.lastUsedStep), lt(twoFactor.lastUsedStep, step))))
    .returning({ userId: twoFactor.userId });
  return recorded.length > 0;
}

/** Confirms setup with a first code from the app; returns the ten recovery codes, shown once. */
export async function confirmTwoFactorSetup(db: Database, userId: string, code: string, now = new Date()): Promise<string[]> {
  const [row] = await db.select().from(twoFactor).where(eq(twoFactor.userId, userId)).limit(1);
  if (!row) throw invalidInput('Start setting up two-step sign-in first.');
  if (row.enabledAt) throw invalidInput('Two-step sign-in is already on.');
  if (!isTotpShaped(code) || !(await useTotpCode(db, userId, row.secretEncrypted, row.lastUsedStep, code, now))) {
    throw invalidInput('That code is not right. Enter the six digits your app shows now.', { code: ['That code is not right.'] });
  }
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.transaction(async (tx) => {
    await tx.update(twoFactor).set({ enabledAt: now }).where(eq(twoFactor.userId, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c), createdAt: now })));
  });
  return codes;
}

/**
 * The second step of signing in (and of turning two-step sign-in off): an authenticator code not
 * used before, or an unused recovery code (which is then spent). False for anything else.
 */
export async function verifySecondStep(db: Executor, userId: string, code: string, now = new Date()): Promise<boolean> {
  const [row] = await db.select().from(twoFactor).where(and(eq(twoFactor.userId, userId), isNotNull(twoFactor.enabledAt))).limit(1);
  if (!row) return false;
  if (isTotpShaped(code)) return useTotpCode(db, userId, row.secretEncrypted, row.lastUsedStep, code, now);
  if (normaliseRecoveryCode(code).length !== 12) return false;
  const spent = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return spent.length > 0;
}

export async function unusedRecoveryCodeCount(db: Executor, userId: string): Promise<number> {
  const rows = await db.select({ id: recoveryCodes.id }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}

/** Turns two-step sign-in off: needs the password and a current code (or a recovery code). */
export async function disableTwoFactor(db: Database, userId: string, input: { password: string; code: string }, now = new Date()): Promise<void> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !(await verifyPassword(user.passwordHash, input.password))) {
    throw invalidInput('That password is not right.', { password: ['That password is not right.'] });
  }
  if (!(await verifySecondStep(db, userId, input.code, now))) {
    throw invalidInput('That code is not right. Enter the six digits your app shows now, or one of your recovery codes.', {
      code: ['That code is not right.'],
    });
  }
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.delete(twoFactor).where(eq(twoFactor.userId, userId));
  });
}
