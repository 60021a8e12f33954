import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_AT_ADDRESS_POLICY,
  ADDRESS_POLICY,
  SIGN_UP_POLICY,
  configuredSignUpPolicy,
  delayAfter,
  describeWait,
  normaliseClientAddress,
  recordFailure,
  refundFailure,
  remainingWaitMs,
  signInThrottleKeys,
  signUpLimitProblem,
  type ThrottleState,
} from '../../../server/auth/sign-in-throttle-policy';

const t0 = new Date('2026-01-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

function failures(count: number, policy = ACCOUNT_AT_ADDRESS_POLICY): ThrottleState | null {
  let state: ThrottleState | null = null;
  for (let i = 0; i < count; i++) state = recordFailure(state, at(i), policy);
  return state;
}

describe('sign-in throttle policy', () => {
  it('lets a person mistype a few times without waiting', () => {
    const state = failures(ACCOUNT_AT_ADDRESS_POLICY.freeFailures);
    expect(state!.failures).toBe(5);
    expect(remainingWaitMs(state, at(5))).toBe(0);
  });

  it('slows down instead of locking: 1 s, 2 s, 4 s … after the free failures, up to the cap', () => {
    const waits: number[] = [];
    let state: ThrottleState | null = null;
    for (let i = 0; i < 30; i++) {
      state = recordFailure(state, at(i), ACCOUNT_AT_ADDRESS_POLICY);
      waits.push(remainingWaitMs(state, at(i)));
    }
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits.slice(5, 10)).toEqual([1000, 2000, 4000, 8000, 16_000]);
    expect(Math.max(...waits)).toBe(ACCOUNT_AT_ADDRESS_POLICY.maxDelayMs);
    expect(waits.at(-1)).toBe(15 * 60_000);
    // A huge count stays at the cap rather than overflowing.
    expect(delayAfter(10_000, ACCOUNT_AT_ADDRESS_POLICY)).toBe(ACCOUNT_AT_ADDRESS_POLICY.maxDelayMs);
  });

  it('the wait runs out by itself', () => {
    const state = failures(7);
    expect(remainingWaitMs(state, at(6))).toBe(2000);
    expect(remainingWaitMs(state, at(6 + 2000))).toBe(0);
  });

  it('starts a fresh window once the old one has passed', () => {
    const state = failures(9);
    const later = recordFailure(state, at(ACCOUNT_AT_ADDRESS_POLICY.windowMs + 60_000), ACCOUNT_AT_ADDRESS_POLICY);
    expect(later.failures).toBe(1);
    expect(later.lockedUntil).toBeNull();
  });

  it('keys a sign-in by account at an address, and by address with a looser limit', () => {
    expect(signInThrottleKeys('sam@example.com', '10.0.0.1')).toEqual([
      { key: 'account:sam@example.com|10.0.0.1', policy: ACCOUNT_AT_ADDRESS_POLICY },
      { key: 'ip:10.0.0.1', policy: ADDRESS_POLICY },
    ]);
    expect(ADDRESS_POLICY.freeFailures).toBeGreaterThan(ACCOUNT_AT_ADDRESS_POLICY.freeFailures * 10);
  });

  it('a right password takes back its own charge, and the wait that charge set', () => {
    const before = failures(ADDRESS_POLICY.freeFailures, ADDRESS_POLICY);
    const after = recordFailure(before, at(200), ADDRESS_POLICY);
    expect(remainingWaitMs(after, at(200))).toBe(1000);
    const refunded = refundFailure(after, { before, after });
    expect(refunded).toEqual({ failures: ADDRESS_POLICY.freeFailures, windowStartedAt: before!.windowStartedAt, lockedUntil: null });
    // If another failure moved the wait meanwhile, that wait stays.
    const moved = recordFailure(after, at(300), ADDRESS_POLICY);
    expect(refundFailure(moved, { before, after })!.lockedUntil).toEqual(moved.lockedUntil);
    // The first and only failure taken back leaves nothing to keep.
    const first = recordFailure(null, t0, ADDRESS_POLICY);
    expect(refundFailure(first, { before: null, after: first })).toBeNull();
    expect(refundFailure(null, { before: null, after: first })).toBeNull();
  });

  it('counts IPv4 seen through IPv6 as IPv4, and an IPv6 address as its /64', () => {
    expect(normaliseClientAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseClientAddress('10.1.2.3')).toBe('10.1.2.3');
    expect(normaliseClientAddress('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd:12::/64');
    expect(normaliseClientAddress('2001:DB8:ABCD:0012::99')).toBe('2001:db8:abcd:12::/64');
    expect(normaliseClientAddress('::1')).toBe('0:0:0:0::/64');
    expect(normaliseClientAddress('')).toBe('unknown');
    expect(normaliseClientAddress(null)).toBe('unknown');
  });

  it('says how long to wait in calm words', () => {
    expect(describeWait(1000)).toBe('a few seconds');
    expect(describeWait(16_000)).toBe('20 seconds');
    expect(describeWait(30_000)).toBe('30 seconds');
    expect(describeWait(60_000)).toBe('a minute');
    expect(describeWait(125_000)).toBe('3 minutes');
  });

  it('sign-ups: a handful an hour per address, more only when configured (end-to-end tests)', () => {
    expect(configuredSignUpPolicy({})).toBe(SIGN_UP_POLICY);
    expect(delayAfter(SIGN_UP_POLICY.freeFailures + 1, SIGN_UP_POLICY)).toBe(60_000);
    expect(configuredSignUpPolicy({ MEND_SIGN_UPS_PER_HOUR: '500', MEND_TEST_MODE: '1' }).freeFailures).toBe(500);
    expect(signUpLimitProblem({ MEND_SIGN_UPS_PER_HOUR: '500' })).toMatch(/test runs only/);
    expect(() => configuredSignUpPolicy({ MEND_SIGN_UPS_PER_HOUR: '500' })).toThrow(/MEND_TEST_MODE=1/);
    expect(signUpLimitProblem({ MEND_SIGN_UPS_PER_HOUR: 'lots', MEND_TEST_MODE: '1' })).toMatch(/whole number/);
    expect(signUpLimitProblem({})).toBeNull();
  });
});
