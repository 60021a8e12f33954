/**
 * What the editor shows about its connection, decided from plain facts so it can be unit-tested:
 * the close codes of the document rooms (server/realtime/yjs) and what a person should see for each.
 */
export type SyncStatus = 'connecting' | 'synced' | 'offline' | 'stopped';

/** What to do after the realtime server closed the connection with `code`. */
export type CloseReaction =
  | { kind: 'fresh-token' }
  | { kind: 'retry-later'; afterMs: number; message: string }
  | { kind: 'stop'; message: string }
  | { kind: 'ignore' };

export const CLOSE_CODES = {
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  tooLarge: 4413,
  tooManyMessages: 4429,
  tryAgainLater: 1013,
} as const;

const KEPT_HERE = 'Your changes are kept on this device.';

export function reactionToClose(code: number): CloseReaction {
  switch (code) {
    case CLOSE_CODES.unauthenticated:
      return { kind: 'fresh-token' };
    case CLOSE_CODES.forbidden:
      return { kind: 'stop', message: 'You no longer have access to this document, so it has stopped updating.' };
    case CLOSE_CODES.notFound:
      return { kind: 'stop', message: 'This document could not be found. It may have been removed.' };
    case CLOSE_CODES.tooLarge:
      return { kind: 'stop', message: `A change was too large to send (a very long paste, perhaps). ${KEPT_HERE} Remove the large part and reload the page to carry on.` };
    case CLOSE_CODES.tooManyMessages:
      return { kind: 'retry-later', afterMs: 10_000, message: `Too many changes arrived at once. Reconnecting in a few seconds. ${KEPT_HERE}` };
    case CLOSE_CODES.tryAgainLater:
      // y-websocket retries this one by itself (it is outside 4400-4499); we only explain the wait.
      return { kind: 'retry-later', afterMs: 0, message: `This document could not be loaded just now. Trying again… ${KEPT_HERE}` };
    default:
      if (code >= 4400 && code < 4500) return { kind: 'stop', message: `The connection was refused. ${KEPT_HERE} Reload the page to try again.` };
      return { kind: 'ignore' };
  }
}

/** A 4401 right after a fresh token means the session itself is gone: stop asking after this many in a row. */
export const MAX_TOKEN_REFRESHES_IN_A_ROW = 3;

/** Two, not one: a first 4401 (stale token) is closed once and retried at once with a fresh token. */
export const OFFLINE_AFTER_FAILED_ATTEMPTS = 2;

export function deriveSyncStatus(facts: {
  stopped: boolean;
  browserOnline: boolean;
  socket: 'connecting' | 'connected' | 'disconnected';
  synced: boolean;
  hasSyncedBefore: boolean;
  tokenUnavailable: boolean;
  /** Connections closed since the last sync (y-websocket's own counter). */
  failedAttempts?: number;
}): SyncStatus {
  if (facts.stopped) return 'stopped';
  if (!facts.browserOnline || facts.tokenUnavailable) return 'offline';
  if (facts.socket === 'connected' && facts.synced) return 'synced';
  // Once we have been in sync, a lost connection is "offline" (edits wait on this device), not a first connect.
  if (facts.hasSyncedBefore) return 'offline';
  // A server that cannot be reached on first load: after a couple of tries, say so instead of "Connecting…" forever.
  if ((facts.failedAttempts ?? 0) >= OFFLINE_AFTER_FAILED_ATTEMPTS) return 'offline';
  return 'connecting';
}

export const syncStatusLabel: Record<SyncStatus, string> = {
  connecting: 'Connecting…',
  synced: 'Synced',
  offline: 'Offline',
  stopped: 'Not connected',
};

export const syncStatusHint: Record<SyncStatus, string> = {
  connecting: 'Opening the document…',
  synced: 'Every change is shared and saved.',
  offline: 'Changes are kept on this device and shared when you are back online.',
  stopped: 'This document is not connected.',
};

export interface PresentUser {
  clientId: number;
  userId: string;
  name: string;
  colour: string;
}

/** Awareness states → one entry per person (a person with two tabs open is here once), sorted with me first. */
export function presentPeople(states: Map<number, Record<string, unknown>>, myUserId: string): PresentUser[] {
  const byUser = new Map<string, PresentUser>();
  for (const [clientId, state] of states) {
    const user = state.user as { userId?: unknown; name?: unknown; color?: unknown } | undefined;
    if (!user || typeof user.userId !== 'string' || typeof user.name !== 'string') continue;
    if (byUser.has(user.userId)) continue;
    byUser.set(user.userId, { clientId, userId: user.userId, name: user.name.slice(0, 80), colour: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#5b6670' });
  }
  return [...byUser.values()].sort((a, b) => (a.userId === myUserId ? -1 : b.userId === myUserId ? 1 : a.name.localeCompare(b.name)));
}
