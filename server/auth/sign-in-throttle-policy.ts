/**
 * How repeated sign-in failures slow down. Pure: state in, state out.
 *
 * Per key (an email address or a client address): after `freeFailures` failures within the window,
 * each further failure locks the key for a delay that doubles, capped at `maxLock`. A success clears
 * the key. The window is long enough to stop guessing, short enough that a person who mistyped a few
 * times is not locked out for long.
 */
export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export interface ThrottlePolicy {
  freeFailures: number;
  windowMs: number;
  baseLockMs: number;
  maxLockMs: number;
}

export const EMAIL_POLICY: ThrottlePolicy = { freeFailures: 5, windowMs: 15 * 60_000, baseLockMs: 60_000, maxLockMs: 15 * 60_000 };
export const ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 20, windowMs: 15 * 60_000, baseLockMs: 60_000, maxLockMs: 15 * 60_000 };

/** Milliseconds the key must still wait, or 0. */
export function remainingLockMs(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}

export function recordFailure(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): ThrottleState {
  const fresh = !state || now.getTime() - state.windowStartedAt.getTime() > policy.windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStartedAt = fresh ? now : state.windowStartedAt;
  const over = failures - policy.freeFailures;
  const lockedUntil =
    over > 0 ? new Date(now.getTime() + Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** (over - 1))) : null;
  return { failures, windowStartedAt, lockedUntil };
}

export function describeWait(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return minutes <= 1 ? 'a minute' : `${minutes} minutes`;
}
