/**
 * What the two partners in a conversation send each other live and Mend never keeps: the signalling
 * of an optional audio call (WebRTC offer, answer, ICE candidates, ring, join, hang-up) and the
 * speaker's words as they write them. The server is a relay: every frame is validated (zod), its
 * sender authorized against the database (requireConversationParticipant, then the protocol's own
 * rule for the moment: live-relay-rules.ts), and passed to the other participant's person room only.
 * Nothing is written to the database or the log; the audio itself goes browser to browser and never
 * touches the server at all.
 *
 * Each frame is authorized again rather than once per socket: a partner who leaves the space, a
 * conversation that ends or pauses, stops the relay at the next frame.
 */
import { requireConversationParticipant } from '../../access/authorization';
import { isAppError } from '../../domain/errors';
import { loadConversation } from '../../domain/conversations/load-conversation';
import { callSignalFrameSchema, speakerWordsFrameSchema, speakerWordsRequestSchema, type CallSignalDelivery } from '../../domain/conversations/live-relay-input';
import { callRefusal, speakerWordsRefusal } from '../../domain/conversations/live-relay-rules';
import type { ConversationState } from '../../domain/conversations/conversation-machine';
import {
  CALL_SIGNAL_TO_CLIENT,
  CALL_SIGNAL_TO_SERVER,
  SPEAKER_WORDS_REQUEST_TO_SERVER,
  SPEAKER_WORDS_REQUESTED,
  SPEAKER_WORDS_TO_CLIENT,
  SPEAKER_WORDS_TO_SERVER,
  type RelayAck,
} from './call-protocol';
import { userRoom, type SocketFeatureFactory } from './socket-feature';

/**
 * Per socket: an offer and its ICE candidates come in a burst of a few dozen frames, and words are
 * sent a few times a second while someone types; beyond that a client is misbehaving, and each
 * frame costs database reads.
 */
const FRAMES_PER_SECOND = 20;
const FRAME_BURST = 80;

export interface CallSignallingOptions {
  now?: () => number;
}

type Relay = (socketUserId: string, payload: unknown) => Promise<RelayAck>;

export function callSignallingFeature(options: CallSignallingOptions = {}): SocketFeatureFactory {
  const now = options.now ?? (() => Date.now());
  return ({ namespace, database, log }) => {
    const db = database.db;

    /** Authorized: the sender is a participant of this going conversation; returns the partner and the state. */
    async function participantState(userId: string, conversationId: string): Promise<{ partnerId: string; state: ConversationState }> {
      const { conversation, partnerId } = await requireConversationParticipant(db, { userId }, conversationId);
      const { state } = await loadConversation(db, conversation, now());
      return { partnerId, state };
    }

    const relayCallSignal: Relay = async (userId, payload) => {
      const parsed = callSignalFrameSchema.safeParse(payload);
      if (!parsed.success) return { ok: false, code: 'invalid', reason: parsed.error.issues[0]?.message ?? 'That call step was not understood.' };
      const frame = parsed.data;
      const { partnerId, state } = await participantState(userId, frame.conversationId);
      // Hanging up and declining always pass: either of you can end a call at any moment.
      if (frame.signal.kind !== 'hang-up' && frame.signal.kind !== 'decline') {
        const refusal = callRefusal(state);
        if (refusal) return { ok: false, code: 'wrong-phase', reason: refusal };
      }
      const delivery: CallSignalDelivery = { ...frame, fromUserId: userId };
      namespace.to(userRoom(partnerId)).emit(CALL_SIGNAL_TO_CLIENT, delivery);
      return { ok: true };
    };

    const relaySpeakerWords: Relay = async (userId, payload) => {
      const parsed = speakerWordsFrameSchema.safeParse(payload);
      if (!parsed.success) return { ok: false, code: 'invalid', reason: parsed.error.issues[0]?.message ?? 'Those words could not be sent.' };
      const frame = parsed.data;
      const { partnerId, state } = await participantState(userId, frame.conversationId);
      const refusal = speakerWordsRefusal(state, userId, frame.turn);
      if (refusal) return { ok: false, code: 'not-your-turn', reason: refusal };
      namespace.to(userRoom(partnerId)).emit(SPEAKER_WORDS_TO_CLIENT, frame);
      return { ok: true };
    };

    const relayWordsRequest: Relay = async (userId, payload) => {
      const parsed = speakerWordsRequestSchema.safeParse(payload);
      if (!parsed.success) return { ok: false, code: 'invalid', reason: 'That conversation could not be found.' };
      const { partnerId, state } = await participantState(userId, parsed.data.conversationId);
      // Only the listener asks; the speaker's page answers with the words of the turn on the floor.
      if (state.phase !== 'floor' || state.floor?.listenerId !== userId) return { ok: true };
      namespace.to(userRoom(partnerId)).emit(SPEAKER_WORDS_REQUESTED, { conversationId: parsed.data.conversationId });
      return { ok: true };
    };

    return {
      name: 'call-signalling',
      onConnection(socket) {
        const { userId } = socket.data;
        let tokens = FRAME_BURST;
        let refilledAt = Date.now();
        const allowFrame = () => {
          const t = Date.now();
          tokens = Math.min(FRAME_BURST, tokens + ((t - refilledAt) / 1000) * FRAMES_PER_SECOND);
          refilledAt = t;
          if (tokens < 1) return false;
          tokens -= 1;
          return true;
        };
        const handle = (event: string, relay: Relay) =>
          socket.on(event, (payload: unknown, maybeAck: unknown) => {
            const ack = typeof maybeAck === 'function' ? (maybeAck as (reply: RelayAck) => void) : () => undefined;
            if (!allowFrame()) return ack({ ok: false, code: 'too-many', reason: 'Too much at once. Wait a moment and try again.' });
            void relay(userId, payload)
              .then(ack)
              .catch((error: unknown) => {
                if (isAppError(error)) return ack({ ok: false, code: error.code === 'not-found' ? 'not-found' : error.code, reason: error.message });
                // Never the frame's content: it may hold what a partner wrote.
                log(`call-signalling: ${event} failed: ${(error as Error)?.message ?? error}`);
                ack({ ok: false, code: 'unavailable', reason: 'Something went wrong on our side. Please try again.' });
              });
          });
        handle(CALL_SIGNAL_TO_SERVER, relayCallSignal);
        handle(SPEAKER_WORDS_TO_SERVER, relaySpeakerWords);
        handle(SPEAKER_WORDS_REQUEST_TO_SERVER, relayWordsRequest);
      },
    };
  };
}
