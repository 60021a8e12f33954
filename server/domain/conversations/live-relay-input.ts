/**
 * What a partner may send live inside a conversation that is relayed to the other and never stored:
 * call signalling and the speaker's words. Every frame is checked here before it goes anywhere.
 * The limits are generous for what a browser really sends and small enough that nobody can push
 * megabytes through the partner's connection.
 */
import { z } from 'zod';

export const SPEAKER_WORDS_MAX = 4000;
/** A session description for one audio track is a few kilobytes; 16 KB leaves room for many candidates inside it. */
const SDP_MAX = 16_000;

const conversationId = z.uuid({ error: 'That conversation could not be found.' });
const deviceId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'That device could not be recognised.' });
const sdp = z
  .string()
  .max(SDP_MAX, { error: 'That call description is too large.' })
  .refine((text) => text.startsWith('v=0'), { error: 'That is not a call description.' });

const candidate = z.strictObject({
  candidate: z.string().max(1000, { error: 'That network candidate is too large.' }),
  sdpMid: z.string().max(64).nullable(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

/**
 * One step of a call. `ring`: I would like to talk by voice. `join`: I am joining (sent by the
 * device that joins, so the caller makes its offer to that device). `decline`: not now. Then the
 * WebRTC offer, answer and ICE candidates; `hang-up` ends it for both.
 */
const signal = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('ring') }),
    z.strictObject({ kind: z.literal('join') }),
    z.strictObject({ kind: z.literal('decline') }),
    z.strictObject({ kind: z.literal('offer'), sdp }),
    z.strictObject({ kind: z.literal('answer'), sdp }),
    z.strictObject({ kind: z.literal('ice'), candidate }),
    // 'paused': the page hangs up because the conversation was paused (the partner is told so, not that they hung up).
    z.strictObject({ kind: z.literal('hang-up'), reason: z.literal('paused').optional() }),
  ],
  { error: 'That is not a step of a call.' },
);

export const callSignalFrameSchema = z.strictObject({
  conversationId,
  /** Chosen by the caller for one call, so a late frame of an earlier call is recognised and ignored. */
  callId: z.uuid({ error: 'That call could not be recognised.' }),
  /** A random id per open page, so the two devices in a call address each other (a person may have several open). */
  fromDevice: deviceId,
  toDevice: deviceId.nullable(),
  signal,
});

export type CallSignal = z.output<typeof signal>;
export type CallSignalFrame = z.output<typeof callSignalFrameSchema>;
/** What the partner receives: the frame, and who sent it (set by the server, never taken from the client). */
export type CallSignalDelivery = CallSignalFrame & { fromUserId: string };

export const speakerWordsFrameSchema = z.strictObject({
  conversationId,
  /** Index of the turn in the conversation's turns: words of an earlier turn are never shown as this one's. */
  turn: z.number().int().min(0).max(10_000),
  text: z.string().max(SPEAKER_WORDS_MAX, { error: `Keep what you write in one turn under ${SPEAKER_WORDS_MAX} characters.` }),
});

export type SpeakerWordsFrame = z.output<typeof speakerWordsFrameSchema>;

export const speakerWordsRequestSchema = z.strictObject({ conversationId });
