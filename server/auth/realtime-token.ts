/**
 * Short-lived signed tokens for realtime connections (document rooms and socket.io). A page asks an
 * authenticated route handler for one (`GET /api/realtime/token`) and puts it on the connection URL;
 * the realtime server checks it, then checks current membership in the database, before it sends a
 * byte. Tokens live 5 minutes: long enough to connect, short enough that a leaked URL is soon useless.
 * The key is derived from AUTH_SECRET so that a realtime token can never pass as a session cookie.
 * A token names the session (device) it was issued to (`sid`), so that when that session ends the
 * realtime server can close the connections it opened (server/events/session-events.ts).
 */
import { createHash } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';

export const REALTIME_TOKEN_TTL_SECONDS = 5 * 60;
const ISSUER = 'mend';
const AUDIENCE = 'mend-realtime';

export type RealtimeScope = { kind: 'document'; documentId: string } | { kind: 'socket' };

export interface RealtimeClaims {
  userId: string;
  /** The user_sessions row the token was issued to; null for tokens issued without one (tests, benchmarks). */
  sessionId: string | null;
  scope: RealtimeScope;
  expiresAt: Date;
}

function keyFor(secret: string): Uint8Array {
  return createHash('sha256').update(`mend-realtime-token:${secret}`).digest();
}

export function currentAuthSecret(): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set: start Mend through server/main.ts');
  return secret;
}

export async function issueRealtimeToken(
  secret: string,
  input: { userId: string; sessionId?: string; scope: RealtimeScope },
  now = new Date(),
  ttlSeconds = REALTIME_TOKEN_TTL_SECONDS,
): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + ttlSeconds;
  const token = await new SignJWT({ scope: input.scope, ...(input.sessionId ? { sid: input.sessionId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(input.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(keyFor(secret));
  return { token, expiresAt: new Date(exp * 1000) };
}

export type TokenCheck = { ok: true; claims: RealtimeClaims } | { ok: false; reason: 'missing' | 'expired' | 'invalid' };

export async function verifyRealtimeToken(secret: string, token: string | null | undefined, now = new Date()): Promise<TokenCheck> {
  if (!token) return { ok: false, reason: 'missing' };
  try {
    const { payload } = await jwtVerify(token, keyFor(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now,
    });
    const scope = payload.scope as RealtimeScope | undefined;
    const validScope =
      scope && typeof scope === 'object' && (scope.kind === 'socket' || (scope.kind === 'document' && typeof scope.documentId === 'string'));
    if (!payload.sub || !validScope || typeof payload.exp !== 'number') return { ok: false, reason: 'invalid' };
    const sessionId = typeof payload.sid === 'string' ? payload.sid : null;
    return { ok: true, claims: { userId: payload.sub, sessionId, scope: scope!, expiresAt: new Date(payload.exp * 1000) } };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    return { ok: false, reason: 'invalid' };
  }
}
