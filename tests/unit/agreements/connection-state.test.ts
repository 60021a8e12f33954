import { describe, expect, it } from 'vitest';
import { deriveSyncStatus, presentPeople, reactionToClose } from '../../../app/_components/collaborative-editor/connection-state';

describe('reactionToClose', () => {
  it('fetches a fresh token on 4401 and stops with a clear message on 4403 and 4404', () => {
    expect(reactionToClose(4401)).toEqual({ kind: 'fresh-token' });
    expect(reactionToClose(4403)).toMatchObject({ kind: 'stop', message: expect.stringContaining('no longer have access') });
    expect(reactionToClose(4404)).toMatchObject({ kind: 'stop', message: expect.stringContaining('could not be found') });
  });
  it('backs off on 4429, explains 1013 (y-websocket retries it), stops on 4413 and unknown 44xx, ignores ordinary closes', () => {
    expect(reactionToClose(4429)).toMatchObject({ kind: 'retry-later', afterMs: 10_000 });
    expect(reactionToClose(1013)).toMatchObject({ kind: 'retry-later', afterMs: 0 });
    expect(reactionToClose(4413)).toMatchObject({ kind: 'stop', message: expect.stringContaining('kept on this device') });
    expect(reactionToClose(4499)).toMatchObject({ kind: 'stop' });
    expect(reactionToClose(1006)).toEqual({ kind: 'ignore' });
    expect(reactionToClose(1000)).toEqual({ kind: 'ignore' });
  });
});

describe('deriveSyncStatus', () => {
  const base = { stopped: false, browserOnline: true, socket: 'connecting' as const, synced: false, hasSyncedBefore: false, tokenUnavailable: false };
  it('is Connecting at first, Synced when connected and in sync, Offline once a synced connection drops', () => {
    expect(deriveSyncStatus(base)).toBe('connecting');
    expect(deriveSyncStatus({ ...base, socket: 'connected', synced: false })).toBe('connecting');
    expect(deriveSyncStatus({ ...base, socket: 'connected', synced: true })).toBe('synced');
    expect(deriveSyncStatus({ ...base, socket: 'disconnected', hasSyncedBefore: true })).toBe('offline');
    expect(deriveSyncStatus({ ...base, socket: 'connecting', hasSyncedBefore: true })).toBe('offline');
  });
  it('turns a first connection that keeps failing into Offline, but not one stale-token retry', () => {
    expect(deriveSyncStatus({ ...base, socket: 'connecting', failedAttempts: 1 })).toBe('connecting');
    expect(deriveSyncStatus({ ...base, socket: 'disconnected', failedAttempts: 2 })).toBe('offline');
    expect(deriveSyncStatus({ ...base, socket: 'connected', synced: true, failedAttempts: 3 })).toBe('synced');
  });
  it('is Offline whenever the browser is offline or no token can be fetched, and stopped wins over all', () => {
    expect(deriveSyncStatus({ ...base, browserOnline: false, socket: 'connected', synced: true })).toBe('offline');
    expect(deriveSyncStatus({ ...base, tokenUnavailable: true })).toBe('offline');
    expect(deriveSyncStatus({ ...base, stopped: true, browserOnline: false })).toBe('stopped');
  });
});

describe('presentPeople', () => {
  it('lists each person once, me first, and ignores states without a user or with bad colours', () => {
    const states = new Map<number, Record<string, unknown>>([
      [3, { user: { userId: 'sam', name: 'Sam', color: '#9d174d' } }],
      [1, { user: { userId: 'alex', name: 'Alex', color: '#0f766e' } }],
      [7, { user: { userId: 'sam', name: 'Sam', color: '#9d174d' } }],
      [9, {}],
      [11, { user: { userId: 'robin', name: 'Robin', color: 'red; background: url(x)' } }],
    ]);
    expect(presentPeople(states, 'alex')).toEqual([
      { clientId: 1, userId: 'alex', name: 'Alex', colour: '#0f766e' },
      { clientId: 11, userId: 'robin', name: 'Robin', colour: '#5b6670' },
      { clientId: 3, userId: 'sam', name: 'Sam', colour: '#9d174d' },
    ]);
  });
});
