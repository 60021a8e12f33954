/**
 * How repeated sign-in (and sign-up) attempts slow down. Pure: state in, state out.
 *
 * Counters are kept per key. A sign-in is counted under two keys:
 *  - the account *at* a client address ("account:<email>|<address>"), so that a stranger typing
 *    someone's email wrongly slows down only their own attempts and never locks the real person out;
 *  - the client address alone ("ip:<address>"), with a much looser limit, so that one address
 *    guessing across many accounts is slowed too.
 * After `freeFailures` failures within the window, each further failure makes the key wait before
 * its next attempt: 1 second, then 2, 4, 8 … up to `maxDelayMs`. A person who mistyped a few times
 * waits a second or two; someone guessing passwords is down to a few guesses an hour within minutes.
 * Attempts made while a key waits are refused without checking the password, so they cost nothing
 * and tell nothing.
 */
export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export interface ThrottlePolicy {
  /** Failures within the window that cost no wait at all. */
  freeFailures: number;
  /** Counting starts over this long after the first failure of a window. */
  windowMs: number;
  /** The wait after the first failure beyond the free ones; it doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** One account from one address: five mistakes free, then 1 s, 2 s, 4 s … up to 15 minutes. */
export const ACCOUNT_AT_ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 5, windowMs: 24 * HOUR, baseDelayMs: SECOND, maxDelayMs: 15 * MINUTE };
/**
 * One address across all accounts: loose, because many people can share an address (a mobile
 * carrier's NAT, a university), and the account-at-address counter already stops guessing one account.
 */
export const ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 100, windowMs: 24 * HOUR, baseDelayMs: SECOND, maxDelayMs: 15 * MINUTE };
/**
 * Sign-ups from one address. Every attempt counts (a sign-up says whether an email already has an
 * account), so an address can try a handful an hour, then waits a minute, two, four … up to an hour.
 */
export const SIGN_UP_POLICY: ThrottlePolicy = { freeFailures: 5, windowMs: HOUR, baseDelayMs: MINUTE, maxDelayMs: HOUR };

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

/**
 * The network an address stands for. IPv4 addresses seen through an IPv6 socket (::ffff:1.2.3.4) are
 * plain IPv4; an IPv6 address counts as its /64, because one household or server usually holds a
 * whole /64 and could otherwise take a fresh address for every guess.
 */
export function normaliseClientAddress(raw: string | null | undefined): string {
  const address = (raw ?? '').trim().toLowerCase();
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const groups = expandIpv6(address.split('%')[0]!);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

function expandIpv6(address: string): string[] | null {
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return null;
  return groups.map((group) => group.replace(/^0+(?=.)/, ''));
}

/** The counters one sign-in attempt is charged to. `email` must already be normalised. */
export function signInThrottleKeys(email: string, clientAddress: string): ThrottleKey[] {
  return [
    { key: `account:${email}|${clientAddress}`, policy: ACCOUNT_AT_ADDRESS_POLICY },
    { key: `ip:${clientAddress}`, policy: ADDRESS_POLICY },
  ];
}

export function signUpThrottleKey(clientAddress: string, policy: ThrottlePolicy = SIGN_UP_POLICY): ThrottleKey {
  return { key: `sign-up:${clientAddress}`, policy };
}

/** Milliseconds the key must still wait before its next attempt, or 0. */
export function remainingWaitMs(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}

/** The wait a key with this many failures has earned (0 within the free ones). */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  const over = failures - policy.freeFailures;
  if (over <= 0) return 0;
  // Capped before exponentiation so a huge count cannot overflow to Infinity.
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(over - 1, 40));
}

export function recordFailure(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): ThrottleState {
  const fresh = !state || now.getTime() - state.windowStartedAt.getTime() > policy.windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStartedAt = fresh ? now : state.windowStartedAt;
  const delay = delayAfter(failures, policy);
  return { failures, windowStartedAt, lockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null };
}

/**
 * Every attempt is counted as a failure *before* the password is checked, so that many attempts
 * sent at once cannot all slip in before the first failure is written. When the attempt turns out
 * to be right, this takes that one failure back: one fewer failure, and the wait it set (if it set
 * one, and nothing has moved it since) returns to what it was. Null means nothing is left to keep.
 */
export function refundFailure(
  current: ThrottleState | null,
  charge: { before: ThrottleState | null; after: ThrottleState },
): ThrottleState | null {
  if (!current) return null;
  const failures = Math.max(0, current.failures - 1);
  if (failures === 0) return null;
  const untouched = (current.lockedUntil?.getTime() ?? null) === (charge.after.lockedUntil?.getTime() ?? null);
  return { failures, windowStartedAt: current.windowStartedAt, lockedUntil: untouched ? (charge.before?.lockedUntil ?? null) : current.lockedUntil };
}

/** A wait in calm words: "a few seconds", "20 seconds", "a minute", "3 minutes". */
export function describeWait(ms: number): string {
  if (ms <= 5 * SECOND) return 'a few seconds';
  if (ms <= 55 * SECOND) return `${Math.ceil(ms / (5 * SECOND)) * 5} seconds`;
  const minutes = Math.ceil(ms / MINUTE);
  return minutes <= 1 ? 'a minute' : `${minutes} minutes`;
}

type Env = Record<string, string | undefined>;

/**
 * Why the sign-up setting cannot be used, in one line; null when it can. Checked by readConfig at
 * start. MEND_SIGN_UPS_PER_HOUR raises the free sign-ups per address and hour for the end-to-end
 * tests, which create dozens of accounts from one address; it weakens the guard against checking
 * lists of emails, so it is honoured only in a test run (MEND_TEST_MODE=1).
 */
export function signUpLimitProblem(env: Env): string | null {
  const raw = env.MEND_SIGN_UPS_PER_HOUR;
  if (!raw) return null;
  if (env.MEND_TEST_MODE !== '1') {
    return 'MEND_SIGN_UPS_PER_HOUR loosens the sign-up limit and is for test runs only: unset it, or also set MEND_TEST_MODE=1 in a test run.';
  }
  const perHour = Number(raw);
  if (!Number.isInteger(perHour) || perHour < 1) return 'MEND_SIGN_UPS_PER_HOUR must be a whole number of at least 1 (test runs only).';
  return null;
}

/** The sign-up policy in use (see signUpLimitProblem). */
export function configuredSignUpPolicy(env: Env = process.env): ThrottlePolicy {
  const problem = signUpLimitProblem(env);
  if (problem) throw new Error(problem);
  return env.MEND_SIGN_UPS_PER_HOUR ? { ...SIGN_UP_POLICY, freeFailures: Number(env.MEND_SIGN_UPS_PER_HOUR) } : SIGN_UP_POLICY;
}
