/**
 * In-process notifications that a person lost access to a space, so live connections (document
 * rooms, socket.io) can close at once instead of at the next token refresh.
 *
 * The emitter lives on globalThis because Next's bundled server actions and the realtime server are
 * different module instances in one process. A second server instance would bridge this interface
 * (e.g. PostgreSQL LISTEN/NOTIFY) without changing publishers or subscribers.
 */
import { EventEmitter } from 'node:events';

export interface MembershipRevoked {
  spaceId: string;
  userId: string;
}

const KEY = Symbol.for('mend.membership-events');
function emitter(): EventEmitter {
  const holder = globalThis as { [KEY]?: EventEmitter };
  holder[KEY] ??= new EventEmitter().setMaxListeners(0);
  return holder[KEY];
}

export function publishMembershipRevoked(event: MembershipRevoked): void {
  emitter().emit('revoked', event);
}

export function onMembershipRevoked(listener: (event: MembershipRevoked) => void): () => void {
  emitter().on('revoked', listener);
  return () => emitter().off('revoked', listener);
}
