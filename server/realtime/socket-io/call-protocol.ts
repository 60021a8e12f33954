/**
 * The wire vocabulary for what partners send each other live inside a conversation and that is
 * never stored: the signalling of an audio call (WebRTC) and the speaker's words. Shared by the
 * server (call-signalling.ts) and the browser. Names say their direction, as in live-protocol.ts.
 */

/** client → server: one call signal for the partner; acknowledged with RelayAck. */
export const CALL_SIGNAL_TO_SERVER = 'call-signal-to-server';
/** server → client: a call signal from the partner (to every device of theirs; `toDevice` picks one). */
export const CALL_SIGNAL_TO_CLIENT = 'call-signal-to-client';
/** client → server: the speaker's words so far in this turn (the whole text each time); acknowledged with RelayAck. */
export const SPEAKER_WORDS_TO_SERVER = 'speaker-words-to-server';
/** server → client: the speaker's words so far, to the listener. */
export const SPEAKER_WORDS_TO_CLIENT = 'speaker-words-to-client';
/** client → server: "send me the speaker's words again" (the listener reloaded); relayed to the speaker. */
export const SPEAKER_WORDS_REQUEST_TO_SERVER = 'speaker-words-request-to-server';
/** server → client: the listener asks for the words so far (the speaker's page sends them again). */
export const SPEAKER_WORDS_REQUESTED = 'speaker-words-requested';

export type RelayAck = { ok: true } | { ok: false; code: string; reason: string };

/** The frames themselves (and their checks) are in server/domain/conversations/live-relay-input.ts. */
