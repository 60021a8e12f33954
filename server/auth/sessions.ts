/**
 * Revocable sessions: one user_sessions row per signed-in device. The session cookie is a signed JWT
 * that carries the row's id; every request checks the row (server/auth/next-auth.ts, jwt callback),
 * so signing out, "sign out everywhere", a password change or deleting the account end a session at
 * once instead of when its cookie would have expired (30 days after the last visit).
 */
import { and, eq, isNotNull, isNull, lt, ne, or } from 'drizzle-orm';
import { userSessions, users, type UserSession } from '../../drizzle/schema';
import type { Database, Executor } from '../db/database';
import { describeUserAgent } from './device-description';

/** How long a session lasts after the device was last used (the cookie's own lifetime). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/**
 * last_seen_at is written at most this often per session: often enough for "active now" in the
 * list of devices, rare enough that reading a page does not write to the database each time.
 */
export const SESSION_SEEN_EVERY_MS = 5 * 60_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Records a new signed-in device and returns its session id (for the JWT). */
export async function startSession(db: Database, userId: string, userAgent: string | null, now = new Date()): Promise<string> {
  const staleBefore = new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000);
  // Ended and expired sessions of this person are of no more use: they go when they next sign in.
  await db
    .delete(userSessions)
    .where(and(eq(userSessions.userId, userId), or(isNotNull(userSessions.revokedAt), lt(userSessions.lastSeenAt, staleBefore))));
  const [row] = await db
    .insert(userSessions)
    .values({ userId, userAgent: describeUserAgent(userAgent), createdAt: now, lastSeenAt: now })
    .returning({ id: userSessions.id });
  return row!.id;
}

/**
 * True when this session may still be used: its row exists, was not revoked, belongs to this person,
 * has been used within the session lifetime, and the account is not deleted. Notes the visit
 * (at most every SESSION_SEEN_EVERY_MS).
 */
export async function checkSession(db: Database, session: { sessionId: unknown; userId: unknown }, now = new Date()): Promise<boolean> {
  const { sessionId, userId } = session;
  if (typeof sessionId !== 'string' || typeof userId !== 'string' || !UUID.test(sessionId) || !UUID.test(userId)) return false;
  const [row] = await db
    .select({ lastSeenAt: userSessions.lastSeenAt, revokedAt: userSessions.revokedAt, deletedAt: users.deletedAt })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId)))
    .limit(1);
  if (!row || row.revokedAt || row.deletedAt) return false;
  const idle = now.getTime() - row.lastSeenAt.getTime();
  if (idle > SESSION_MAX_AGE_SECONDS * 1000) return false;
  if (idle >= SESSION_SEEN_EVERY_MS) {
    // Conditional, so two requests at once write it once; revoked rows are left as they are.
    await db
      .update(userSessions)
      .set({ lastSeenAt: now })
      .where(
        and(
          eq(userSessions.id, sessionId),
          isNull(userSessions.revokedAt),
          lt(userSessions.lastSeenAt, new Date(now.getTime() - SESSION_SEEN_EVERY_MS)),
        ),
      );
  }
  return true;
}

/** This person's signed-in devices, most recently used first. */
export async function listSessions(db: Database, userId: string, now = new Date()): Promise<UserSession[]> {
  const staleBefore = new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000);
  const rows = await db
    .select()
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .orderBy(userSessions.lastSeenAt);
  return rows.filter((row) => row.lastSeenAt >= staleBefore).reverse();
}

/**
 * Ends one of this person's sessions (only theirs: another person's session id changes nothing).
 * Returns whether a session was ended. Callers publish publishSessionsRevoked after their commit.
 */
export async function revokeSession(db: Executor, userId: string, sessionId: string, now = new Date()): Promise<boolean> {
  if (!UUID.test(sessionId)) return false;
  const ended = await db
    .update(userSessions)
    .set({ revokedAt: now })
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  return ended.length > 0;
}

/**
 * Ends every session of this person: "sign out everywhere", deleting the account, changing the
 * password. Takes a transaction so it can commit together with that change; returns the ended
 * session ids. Callers publish publishSessionsRevoked({ userId, sessionIds: null }) after their commit.
 */
export async function revokeAllSessions(db: Executor, userId: string, now = new Date()): Promise<string[]> {
  const ended = await db
    .update(userSessions)
    .set({ revokedAt: now })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  return ended.map((row) => row.id);
}

/** Ends every session of this person except `keepSessionId` (this device): "sign out everywhere else". */
export async function revokeOtherSessions(db: Executor, userId: string, keepSessionId: string, now = new Date()): Promise<string[]> {
  const ended = await db
    .update(userSessions)
    .set({ revokedAt: now })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), ne(userSessions.id, keepSessionId)))
    .returning({ id: userSessions.id });
  return ended.map((row) => row.id);
}
