/**
 * Conversations changed outside the live conversation feature, announced after the change commits:
 * a space closing ends its open conversation inside the closing transaction, and the socket.io
 * conversation feature (server/realtime/socket-io/conversation-feature.ts) then sends each partner
 * their own new view at once. Only the id travels here; each view is made per person by the feature.
 *
 * Like live-events.ts, the emitter lives on globalThis because Next's bundled server actions and the
 * realtime server are different module instances in one process.
 */
import { EventEmitter } from 'node:events';

const KEY = Symbol.for('mend.conversation-events');
function emitter(): EventEmitter {
  const holder = globalThis as { [KEY]?: EventEmitter };
  holder[KEY] ??= new EventEmitter().setMaxListeners(0);
  return holder[KEY];
}

/** Call after the transaction that ended the conversation has committed. */
export function publishConversationEnded(conversationId: string): void {
  emitter().emit('ended', conversationId);
}

export function onConversationEnded(listener: (conversationId: string) => void): () => void {
  emitter().on('ended', listener);
  return () => emitter().off('ended', listener);
}
