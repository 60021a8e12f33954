/**
 * Live notifications to the people in a space ("Sam shared a note", "a version was proposed").
 * Domain code publishes here *after* its transaction commits; the socket.io service
 * (server/realtime/socket-io) forwards each event to the sockets of its audience.
 *
 * The audience is explicit so that nothing private is ever broadcast by accident: 'space' reaches
 * both members, { userId } reaches only that person's own devices.
 *
 * Like membership-events.ts, the emitter lives on globalThis because Next's bundled server actions
 * and the realtime server are different module instances in one process; a second server instance
 * would bridge this interface (PostgreSQL LISTEN/NOTIFY) without changing publishers.
 */
import { EventEmitter } from 'node:events';

export interface LiveEvent {
  /** The space an event of audience 'space' goes to; null for a person's own events with no space (the journal). */
  spaceId: string | null;
  audience: 'space' | { userId: string };
  /** kebab-case, saying what happened: 'note-shared', 'version-proposed', 'activity-added'. */
  event: string;
  payload: Record<string, unknown>;
}

const KEY = Symbol.for('mend.live-events');
function emitter(): EventEmitter {
  const holder = globalThis as { [KEY]?: EventEmitter };
  holder[KEY] ??= new EventEmitter().setMaxListeners(0);
  return holder[KEY];
}

export function publishLiveEvent(event: LiveEvent): void {
  emitter().emit('event', event);
}

export function onLiveEvent(listener: (event: LiveEvent) => void): () => void {
  emitter().on('event', listener);
  return () => emitter().off('event', listener);
}
