/**
 * Keeps the attempt counters of server/auth/sign-in-throttle-policy.ts in the database, so they hold
 * across processes and restarts. An attempt is charged before the password is checked (see
 * refundFailure for why); the charge is one short transaction that never spans the password hash,
 * because on PGlite a transaction holds the whole database.
 */
import { eq, inArray } from 'drizzle-orm';
import { signInAttempts } from '../../drizzle/schema';
import type { Database } from '../db/database';
import { recordFailure, refundFailure, remainingWaitMs, type ThrottleKey, type ThrottleState } from './sign-in-throttle-policy';

export interface AttemptCharge {
  key: string;
  before: ThrottleState | null;
  after: ThrottleState;
}

export type ChargeResult = { ok: true; charges: AttemptCharge[] } | { ok: false; waitMs: number };

function stateOf(row: typeof signInAttempts.$inferSelect | undefined): ThrottleState | null {
  return row && row.failures > 0 ? { failures: row.failures, windowStartedAt: row.windowStartedAt, lockedUntil: row.lockedUntil } : null;
}

/**
 * Counts one attempt against every key, unless one of them must still wait: then nothing is counted
 * and the longest remaining wait is returned.
 */
export async function chargeAttempt(db: Database, keys: ThrottleKey[], now = new Date()): Promise<ChargeResult> {
  return db.transaction(async (tx) => {
    // Each key gets a row first (zero failures), so that the rows can be locked below even for a key
    // seen for the first time: otherwise two first attempts at once would both start from nothing.
    await tx
      .insert(signInAttempts)
      .values(keys.map(({ key }) => ({ key, failures: 0, windowStartedAt: now, lockedUntil: null })))
      .onConflictDoNothing();
    // Locked in one statement, in key order, so two attempts on the same keys cannot deadlock.
    const rows = await tx
      .select()
      .from(signInAttempts)
      .where(inArray(signInAttempts.key, keys.map((k) => k.key)))
      .orderBy(signInAttempts.key)
      .for('update');
    const byKey = new Map(rows.map((row) => [row.key, stateOf(row)]));
    const waitMs = Math.max(0, ...keys.map(({ key }) => remainingWaitMs(byKey.get(key) ?? null, now)));
    if (waitMs > 0) return { ok: false as const, waitMs };
    const charges: AttemptCharge[] = [];
    for (const { key, policy } of keys) {
      const before = byKey.get(key) ?? null;
      const after = recordFailure(before, now, policy);
      await tx.update(signInAttempts).set(after).where(eq(signInAttempts.key, key));
      charges.push({ key, before, after });
    }
    return { ok: true as const, charges };
  });
}

/** The attempt was right: its own key starts over (`clearKeys`), the others get their one failure back. */
export async function settleSuccessfulAttempt(db: Database, charges: AttemptCharge[], clearKeys: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const charge of charges) {
      if (clearKeys.includes(charge.key)) {
        await tx.delete(signInAttempts).where(eq(signInAttempts.key, charge.key));
        continue;
      }
      const [row] = await tx.select().from(signInAttempts).where(eq(signInAttempts.key, charge.key)).for('update');
      const refunded = refundFailure(stateOf(row), charge);
      if (refunded) await tx.update(signInAttempts).set(refunded).where(eq(signInAttempts.key, charge.key));
      else await tx.delete(signInAttempts).where(eq(signInAttempts.key, charge.key));
    }
  });
}

/** How long these keys must still wait, in ms (0 when an attempt may go ahead). For messages and tests. */
export async function throttleWaitMs(db: Database, keys: string[], now = new Date()): Promise<number> {
  const rows = await db.select().from(signInAttempts).where(inArray(signInAttempts.key, keys));
  return Math.max(0, ...rows.map((row) => remainingWaitMs(stateOf(row), now)));
}
