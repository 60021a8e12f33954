/** Stores the sign-in throttle counters (server/auth/sign-in-throttle-policy.ts) in the database, so they hold across processes. */
import { eq, inArray } from 'drizzle-orm';
import { signInAttempts } from '../../drizzle/schema';
import type { Database } from '../db/database';
import {
  ADDRESS_POLICY,
  EMAIL_POLICY,
  recordFailure,
  remainingLockMs,
  type ThrottlePolicy,
} from './sign-in-throttle-policy';

function keysFor(email: string, address: string | null): Array<{ key: string; policy: ThrottlePolicy }> {
  const keys = [{ key: `email:${email}`, policy: EMAIL_POLICY }];
  if (address) keys.push({ key: `ip:${address}`, policy: ADDRESS_POLICY });
  return keys;
}

/** How long this sign-in must wait before it may be tried, in ms (0 when it may go ahead). */
export async function signInWaitMs(db: Database, email: string, address: string | null, now = new Date()): Promise<number> {
  const keys = keysFor(email, address).map((k) => k.key);
  const rows = await db.select().from(signInAttempts).where(inArray(signInAttempts.key, keys));
  return Math.max(0, ...rows.map((row) => remainingLockMs(row, now)));
}

export async function recordSignInFailure(db: Database, email: string, address: string | null, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    for (const { key, policy } of keysFor(email, address)) {
      const [row] = await tx.select().from(signInAttempts).where(eq(signInAttempts.key, key)).for('update');
      const next = recordFailure(row ?? null, now, policy);
      await tx
        .insert(signInAttempts)
        .values({ key, ...next })
        .onConflictDoUpdate({ target: signInAttempts.key, set: next });
    }
  });
}

export async function clearSignInFailures(db: Database, email: string): Promise<void> {
  await db.delete(signInAttempts).where(eq(signInAttempts.key, `email:${email}`));
}
