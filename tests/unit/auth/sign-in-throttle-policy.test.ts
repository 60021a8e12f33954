import { describe, expect, it } from 'vitest';
import { EMAIL_POLICY, describeWait, recordFailure, remainingLockMs, type ThrottleState } from '../../../server/auth/sign-in-throttle-policy';

const t0 = new Date('2026-01-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('sign-in throttle policy', () => {
  it('lets a person mistype a few times without waiting', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < EMAIL_POLICY.freeFailures; i++) state = recordFailure(state, at(i * 1000), EMAIL_POLICY);
    expect(state!.failures).toBe(5);
    expect(remainingLockMs(state, at(5000))).toBe(0);
  });

  it('locks after the free failures, doubling up to the cap', () => {
    let state: ThrottleState | null = null;
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      state = recordFailure(state, at(i), EMAIL_POLICY);
      waits.push(remainingLockMs(state, at(i)));
    }
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits.slice(5, 9)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(Math.max(...waits)).toBe(EMAIL_POLICY.maxLockMs);
  });

  it('starts a fresh window once the old one has passed', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 7; i++) state = recordFailure(state, at(i), EMAIL_POLICY);
    const later = recordFailure(state, at(EMAIL_POLICY.windowMs + 60_000), EMAIL_POLICY);
    expect(later.failures).toBe(1);
    expect(later.lockedUntil).toBeNull();
  });

  it('says how long to wait in words', () => {
    expect(describeWait(30_000)).toBe('a minute');
    expect(describeWait(125_000)).toBe('3 minutes');
  });
});
