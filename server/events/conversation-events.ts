/**
 * Conversations changed, announced after the change commits; only the id travels, each view is made
 * per person by the socket.io conversation feature (server/realtime/socket-io/conversation-feature.ts).
 *
 * - ended: a space closing ends its open conversation inside the closing transaction (outside the
 *   live feature); every instance then sends the partners connected to it their new view.
 * - changed: a step taken through the live feature on one instance; the other instances read the
 *   conversation from PostgreSQL and send their own sockets' views (the one that took the step has
 *   already sent its own, so `publishedHere` tells it to do nothing).
 *
 * Both travel on the process's bus (server/bus), heard exactly once by every instance.
 */
import { currentBus } from '../bus';
import type { EventOrigin } from './live-events';

const ENDED = 'conversation-ended';
const CHANGED = 'conversation-changed';

/** Call after the transaction that ended the conversation has committed. */
export function publishConversationEnded(conversationId: string): void {
  void currentBus().publish(ENDED, conversationId);
}

export function onConversationEnded(listener: (conversationId: string) => void): () => void {
  return currentBus().subscribe(ENDED, (message) => {
    if (typeof message === 'string') listener(message);
  });
}

/** Call after a step of the conversation was stored. */
export function publishConversationChanged(conversationId: string): void {
  void currentBus().publish(CHANGED, conversationId);
}

export function onConversationChanged(listener: (conversationId: string, origin: EventOrigin) => void): () => void {
  const bus = currentBus();
  return bus.subscribe(CHANGED, (message, fromInstance) => {
    if (typeof message === 'string') listener(message, { publishedHere: fromInstance === bus.instanceId });
  });
}
