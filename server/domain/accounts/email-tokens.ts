/**
 * Single-use links sent by email (password reset, confirming a new address). The link carries 32
 * random bytes; only their SHA-256 is stored, so a copy of the database holds no working link. A
 * token is looked up, checked and marked used inside the transaction that acts on it, so two clicks
 * at once cannot both succeed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { emailTokens, type EmailTokenPurpose, type EmailTokenRow } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';

export const PASSWORD_RESET_TTL_MS = 30 * 60_000;
export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60_000;

/** Tokens are base64url of 32 bytes: 43 characters. Anything else is not worth a database query. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function hashEmailToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A new link for this person and purpose. Earlier unused links of the same purpose stop working:
 * only the newest email counts, so an old one found later in an inbox opens nothing.
 */
export async function createEmailToken(
  tx: Executor,
  input: { userId: string; purpose: EmailTokenPurpose; ttlMs: number; newEmail?: string; now: Date },
): Promise<string> {
  await tx
    .update(emailTokens)
    .set({ usedAt: input.now })
    .where(and(eq(emailTokens.userId, input.userId), eq(emailTokens.purpose, input.purpose), isNull(emailTokens.usedAt)));
  const token = randomBytes(32).toString('base64url');
  await tx.insert(emailTokens).values({
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: hashEmailToken(token),
    newEmail: input.newEmail ?? null,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + input.ttlMs),
  });
  return token;
}

export type TokenState = { state: 'valid'; row: EmailTokenRow } | { state: 'unknown' | 'used' | 'expired' };

/** What a link is now. With `lock`, the row stays locked until the transaction ends (use it to act on the token). */
export async function readEmailToken(
  tx: Executor,
  token: string,
  purpose: EmailTokenPurpose,
  now: Date,
  options: { lock?: boolean } = {},
): Promise<TokenState> {
  if (!TOKEN_SHAPE.test(token)) return { state: 'unknown' };
  const query = tx
    .select()
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, hashEmailToken(token)), eq(emailTokens.purpose, purpose)))
    .limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) return { state: 'unknown' };
  if (row.usedAt) return { state: 'used' };
  if (row.expiresAt.getTime() <= now.getTime()) return { state: 'expired' };
  return { state: 'valid', row };
}

export async function markEmailTokenUsed(tx: Executor, id: string, now: Date): Promise<void> {
  await tx.update(emailTokens).set({ usedAt: now }).where(eq(emailTokens.id, id));
}
