import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: unguessable, and short enough to paste into a message. */
export function generateInviteToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored, so a leaked database does not hold working invite links. */
export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
