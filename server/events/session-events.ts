/**
 * In-process notice that sessions ended (sign out, "sign out everywhere", account deleted), so the
 * realtime services can close the live connections those sessions opened instead of leaving them
 * open until the device disconnects. Publish after the change has committed.
 *
 * Like membership-events.ts, the emitter lives on globalThis because Next's bundled server actions
 * and the realtime server are different module instances in one process.
 */
import { EventEmitter } from 'node:events';

export interface SessionsRevoked {
  userId: string;
  /** The ended sessions; null means every session of this person. */
  sessionIds: string[] | null;
}

const KEY = Symbol.for('mend.session-events');
function emitter(): EventEmitter {
  const holder = globalThis as { [KEY]?: EventEmitter };
  holder[KEY] ??= new EventEmitter().setMaxListeners(0);
  return holder[KEY];
}

export function publishSessionsRevoked(event: SessionsRevoked): void {
  emitter().emit('revoked', event);
}

export function onSessionsRevoked(listener: (event: SessionsRevoked) => void): () => void {
  emitter().on('revoked', listener);
  return () => emitter().off('revoked', listener);
}
