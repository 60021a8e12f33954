/**
 * The wire vocabulary shared by the socket.io server and the browser client. Event names are
 * kebab-case and say their direction: `…-requested` goes client → server, everything else is sent
 * by the server.
 */
export const LIVE_SOCKET_PATH = '/realtime/socket.io';
/** One namespace for everything live in a space: presence, live events, conversations. */
export const LIVE_NAMESPACE = '/space';

export interface PresentPerson {
  userId: string;
  name: string;
}

/** server → client, to the whole space, whenever someone arrives or leaves. */
export const PRESENCE_CHANGED = 'presence-changed';
/** server → client, to one person, just before their sockets are closed because they left the space. */
export const SPACE_ACCESS_ENDED = 'space-access-ended';

/** Codes on `connect_error` (error.data.code) so the client knows whether retrying can help. */
export type LiveRefusalCode = 'missing-token' | 'expired-token' | 'invalid-token' | 'unavailable';

/** client → server: one protocol step (or a proposal); acknowledged with ConversationAck. */
export const CONVERSATION_ACTION_TO_SERVER = 'conversation-action-to-server';
/** client → server: "send me where we are" (after a countdown ends, or on demand); acknowledged with the state. */
export const CONVERSATION_STATE_REQUEST_TO_SERVER = 'conversation-state-request-to-server';
/** server → client, to each partner separately: their own view of the open conversation (or null). */
export const CONVERSATION_STATE_TO_CLIENT = 'conversation-state-to-client';
