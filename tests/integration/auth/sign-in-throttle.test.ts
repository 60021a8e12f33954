import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signInAttempts, users } from '../../../drizzle/schema';
import { throttleWaitMs } from '../../../server/auth/sign-in-throttle';
import { registerUser } from '../../../server/domain/accounts/register-user';
import { verifyCredentials } from '../../../server/domain/accounts/verify-credentials';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

const PASSWORD = 'correct horse battery';
const t0 = new Date('2026-02-01T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe.each(testDatabaseKinds())('sign-in throttling on %s', (kind) => {
  const t = useTestDatabase(kind);
  let n = 0;
  async function person() {
    const email = `robin-${kind}-${++n}@example.com`;
    const user = await registerUser(t.db, { name: 'Robin', email, password: PASSWORD });
    return { email, user };
  }
  const attempt = (email: string, password: string, clientAddress: string, now: Date) =>
    verifyCredentials(t.db, { email, password, clientAddress }, now);

  it('after the free failures, even the right password waits; the wait grows and then runs out', async () => {
    const { email } = await person();
    for (let i = 0; i < 5; i++) expect(await attempt(email, 'wrong guess', '10.0.0.1', at(i))).toEqual({ ok: false, reason: 'mismatch' });
    // The sixth failure earns a 1-second wait; the seventh (after it) a 2-second one.
    expect(await attempt(email, 'wrong guess', '10.0.0.1', at(10))).toEqual({ ok: false, reason: 'mismatch' });
    expect(await attempt(email, PASSWORD, '10.0.0.1', at(500))).toEqual({ ok: false, reason: 'paused', waitMs: 510 });
    expect(await attempt(email, 'wrong guess', '10.0.0.1', at(1010))).toEqual({ ok: false, reason: 'mismatch' });
    expect(await attempt(email, PASSWORD, '10.0.0.1', at(2000))).toEqual({ ok: false, reason: 'paused', waitMs: 1010 });
    // Attempts during the wait were not counted: the wait did not grow.
    expect(await throttleWaitMs(t.db, [`account:${email}|10.0.0.1`], at(2000))).toBe(1010);
    expect(await attempt(email, PASSWORD, '10.0.0.1', at(3010))).toMatchObject({ ok: true });
    // A success starts the account's count over.
    const [row] = await t.db.select().from(signInAttempts).where(eq(signInAttempts.key, `account:${email}|10.0.0.1`));
    expect(row).toBeUndefined();
  });

  it("a stranger typing someone's email wrongly slows down only the stranger", async () => {
    const { email } = await person();
    // Twelve guesses spread over four hours, each after the previous wait ran out.
    const last = 11 * 20 * 60_000;
    for (let i = 0; i < 12; i++) await attempt(email, `guess ${i}`, '203.0.113.9', at(i * 20 * 60_000));
    expect(await attempt(email, PASSWORD, '203.0.113.9', at(last + 1000))).toEqual({ ok: false, reason: 'paused', waitMs: 63_000 });
    // The real person, at home, is not slowed at all and is told nothing.
    expect(await attempt(email, PASSWORD, '198.51.100.7', at(last + 1000))).toMatchObject({ ok: true });
  });

  it('one address guessing across many accounts is slowed too, with a looser limit', async () => {
    const { email } = await person();
    const guesses = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(`someone-${i}@example.com`, 'guess', '192.0.2.50', at(i))));
    expect(guesses.every((r) => !r.ok && r.reason === 'mismatch')).toBe(true);
    expect(await attempt(email, PASSWORD, '192.0.2.50', at(100))).toMatchObject({ ok: true });
    await attempt(`someone-else@example.com`, 'guess', '192.0.2.50', at(101));
    expect(await attempt(email, PASSWORD, '192.0.2.50', at(102))).toMatchObject({ ok: false, reason: 'paused' });
    expect(await attempt(email, PASSWORD, '192.0.2.51', at(102))).toMatchObject({ ok: true });
  });

  it('a burst of attempts sent at once cannot slip past the count', async () => {
    const { email } = await person();
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(email, 'wrong guess', '10.7.7.7', at(0))));
    // Five free, the sixth sets the wait; every other attempt of the burst is refused unchecked.
    expect(results.filter((r) => !r.ok && r.reason === 'mismatch')).toHaveLength(6);
    expect(results.filter((r) => !r.ok && r.reason === 'paused')).toHaveLength(14);
  });

  it('a deleted account can never sign in, even with its old password', async () => {
    const { email, user } = await person();
    await t.db.update(users).set({ deletedAt: at(0) }).where(eq(users.id, user.id));
    expect(await attempt(email, PASSWORD, '10.0.0.3', at(1))).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('sign-ups from one address are counted: a handful an hour, then a wait', async () => {
    const signUp = (i: number, clientAddress: string, now: Date) =>
      registerUser(t.db, { name: 'New', email: `new-${kind}-${clientAddress}-${i}@example.com`, password: PASSWORD }, { clientAddress, now });
    for (let i = 0; i < 5; i++) await signUp(i, '192.0.2.99', at(i));
    // An email that already has an account counts too: that answer is what an enumerator wants.
    await expect(signUp(0, '192.0.2.99', at(5))).rejects.toMatchObject({ code: 'conflict' });
    await expect(signUp(6, '192.0.2.99', at(6))).rejects.toMatchObject({ code: 'rate-limited', message: 'Please wait a minute before creating an account from here.' });
    await expect(signUp(9, '192.0.2.100', at(6))).resolves.toMatchObject({ name: 'New' });
  });
});
