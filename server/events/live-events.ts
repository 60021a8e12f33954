/**
 * Live notifications to the people in a space ("Sam shared a note", "a version was proposed").
 * Domain code publishes here *after* its transaction commits; the socket.io service
 * (server/realtime/socket-io) forwards each event to the sockets of its audience.
 *
 * The audience is explicit so that nothing private is ever broadcast by accident: 'space' reaches
 * both members, { userId } reaches only that person's own devices.
 *
 * Events travel on the process's bus (server/bus): with several instances, every instance's
 * listeners hear each event exactly once, wherever it was published, and each forwards it to its own
 * sockets. A listener that must act once for the whole deployment (the notifier sends one notice, not
 * one per instance) looks at `publishedHere`.
 */
import { currentBus } from '../bus';

export interface LiveEvent {
  /** The space an event of audience 'space' goes to; null for a person's own events with no space (the journal). */
  spaceId: string | null;
  audience: 'space' | { userId: string };
  /** kebab-case, saying what happened: 'note-shared', 'version-proposed', 'activity-added'. */
  event: string;
  payload: Record<string, unknown>;
}

export interface EventOrigin {
  /** Published by this instance (true in a single process). */
  publishedHere: boolean;
}

const TOPIC = 'live-event';

export function publishLiveEvent(event: LiveEvent): void {
  void currentBus().publish(TOPIC, event);
}

export function onLiveEvent(listener: (event: LiveEvent, origin: EventOrigin) => void): () => void {
  const bus = currentBus();
  return bus.subscribe(TOPIC, (message, fromInstance) => listener(message as LiveEvent, { publishedHere: fromInstance === bus.instanceId }));
}
