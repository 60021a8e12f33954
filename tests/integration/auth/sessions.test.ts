import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { userSessions, users } from '../../../drizzle/schema';
import { SESSION_SEEN_EVERY_MS, checkSession, listSessions, revokeAllSessions, revokeOtherSessions, revokeSession, startSession } from '../../../server/auth/sessions';
import { makeUser } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const t0 = new Date('2026-02-01T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe.each(testDatabaseKinds())('sessions on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('a session is current from sign-in until it is revoked, and only its owner can revoke it', async () => {
    const robin = await makeUser(t.db, 'Robin');
    const stranger = await makeUser(t.db, 'Stranger');
    const sessionId = await startSession(t.db, robin.id, CHROME_LINUX, at(0));
    expect(await checkSession(t.db, { sessionId, userId: robin.id }, at(1000))).toBe(true);
    // The session id alone is not enough: it must belong to the person the cookie names.
    expect(await checkSession(t.db, { sessionId, userId: stranger.id }, at(1000))).toBe(false);
    expect(await revokeSession(t.db, stranger.id, sessionId, at(2000))).toBe(false);
    expect(await checkSession(t.db, { sessionId, userId: robin.id }, at(2000))).toBe(true);
    expect(await revokeSession(t.db, robin.id, sessionId, at(3000))).toBe(true);
    expect(await checkSession(t.db, { sessionId, userId: robin.id }, at(4000))).toBe(false);
  });

  it('cookies from before sessions were revocable, or with a malformed id, identify no one', async () => {
    const robin = await makeUser(t.db, 'Robin');
    expect(await checkSession(t.db, { sessionId: undefined, userId: robin.id })).toBe(false);
    expect(await checkSession(t.db, { sessionId: 'not-a-uuid', userId: robin.id })).toBe(false);
    expect(await checkSession(t.db, { sessionId: '00000000-0000-4000-8000-000000000000', userId: robin.id })).toBe(false);
  });

  it('sign out everywhere ends every session of that person and no one else’s', async () => {
    const robin = await makeUser(t.db, 'Robin');
    const kim = await makeUser(t.db, 'Kim');
    const phone = await startSession(t.db, robin.id, FIREFOX_WINDOWS, at(0));
    const laptop = await startSession(t.db, robin.id, CHROME_LINUX, at(0));
    const kims = await startSession(t.db, kim.id, CHROME_LINUX, at(0));
    expect((await revokeAllSessions(t.db, robin.id, at(1000))).sort()).toEqual([phone, laptop].sort());
    expect(await checkSession(t.db, { sessionId: phone, userId: robin.id }, at(2000))).toBe(false);
    expect(await checkSession(t.db, { sessionId: laptop, userId: robin.id }, at(2000))).toBe(false);
    expect(await checkSession(t.db, { sessionId: kims, userId: kim.id }, at(2000))).toBe(true);
    // Inside a caller's transaction too (account deletion, password change).
    const again = await startSession(t.db, robin.id, CHROME_LINUX, at(3000));
    await t.db.transaction((tx) => revokeAllSessions(tx, robin.id, at(4000)));
    expect(await checkSession(t.db, { sessionId: again, userId: robin.id }, at(5000))).toBe(false);
  });

  it('sign out everywhere else keeps this device', async () => {
    const robin = await makeUser(t.db, 'Robin');
    const here = await startSession(t.db, robin.id, CHROME_LINUX, at(0));
    const phone = await startSession(t.db, robin.id, FIREFOX_WINDOWS, at(0));
    const tablet = await startSession(t.db, robin.id, FIREFOX_WINDOWS, at(0));
    expect((await revokeOtherSessions(t.db, robin.id, here, at(1000))).sort()).toEqual([phone, tablet].sort());
    expect(await checkSession(t.db, { sessionId: here, userId: robin.id }, at(2000))).toBe(true);
    expect(await checkSession(t.db, { sessionId: phone, userId: robin.id }, at(2000))).toBe(false);
  });

  it('a deleted account’s session identifies no one', async () => {
    const robin = await makeUser(t.db, 'Robin');
    const sessionId = await startSession(t.db, robin.id, CHROME_LINUX, at(0));
    await t.db.update(users).set({ deletedAt: at(1000) }).where(eq(users.id, robin.id));
    expect(await checkSession(t.db, { sessionId, userId: robin.id }, at(2000))).toBe(false);
  });

  it('lists this person’s devices with browser and system, and notes use at most every few minutes', async () => {
    const robin = await makeUser(t.db, 'Robin');
    const laptop = await startSession(t.db, robin.id, CHROME_LINUX, at(0));
    const phone = await startSession(t.db, robin.id, FIREFOX_WINDOWS, at(1000));
    const lastSeen = async (id: string) => (await t.db.select().from(userSessions).where(eq(userSessions.id, id)))[0]!.lastSeenAt;
    await checkSession(t.db, { sessionId: laptop, userId: robin.id }, at(60_000));
    expect(await lastSeen(laptop)).toEqual(at(0));
    await checkSession(t.db, { sessionId: laptop, userId: robin.id }, at(SESSION_SEEN_EVERY_MS + 1));
    expect(await lastSeen(laptop)).toEqual(at(SESSION_SEEN_EVERY_MS + 1));
    const listed = await listSessions(t.db, robin.id, at(SESSION_SEEN_EVERY_MS + 2));
    expect(listed.map((s) => [s.id, s.userAgent])).toEqual([
      [laptop, 'Chrome on Linux'],
      [phone, 'Firefox on Windows'],
    ]);
    await revokeSession(t.db, robin.id, phone, at(SESSION_SEEN_EVERY_MS + 3));
    expect((await listSessions(t.db, robin.id, at(SESSION_SEEN_EVERY_MS + 4))).map((s) => s.id)).toEqual([laptop]);
    // Ended sessions are removed when the person next signs in.
    await startSession(t.db, robin.id, CHROME_LINUX, at(SESSION_SEEN_EVERY_MS + 5));
    expect(await t.db.select().from(userSessions).where(eq(userSessions.id, phone))).toHaveLength(0);
  });

  it('a session unused for longer than its lifetime is no longer current', async () => {
    const robin = await makeUser(t.db, 'Robin');
    const sessionId = await startSession(t.db, robin.id, CHROME_LINUX, at(0));
    expect(await checkSession(t.db, { sessionId, userId: robin.id }, at(31 * 24 * 3600_000))).toBe(false);
  });
});
