/**
 * The stored form of protocol events: the machine's own events, validated when read back, so a row
 * that does not fit (a bug, a hand edit) stops the replay loudly instead of rebuilding a wrong state.
 */
import { z } from 'zod';
import type { ConversationEvent } from './conversation-machine';

const ms = z.number().int();

const stepSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('propose'), partnerId: z.string(), topic: z.string(), turnSeconds: z.number().int(), pauseMinimumSeconds: z.number().int(), revealSeconds: z.number().int().optional() }),
  z.object({ type: z.literal('accept') }),
  z.object({ type: z.literal('propose-time'), at: ms }),
  z.object({ type: z.literal('arrive') }),
  z.object({ type: z.literal('yield') }),
  z.object({ type: z.literal('reflect'), text: z.string() }),
  z.object({ type: z.literal('answer-reflection'), verdict: z.enum(['right', 'not-quite']) }),
  z.object({ type: z.literal('ask-more') }),
  z.object({ type: z.literal('continue-speaking') }),
  z.object({ type: z.literal('pass-floor') }),
  z.object({ type: z.literal('move-to-next-steps'), nextStepsDocumentId: z.string() }),
  z.object({ type: z.literal('pause'), returnAt: ms }),
  z.object({ type: z.literal('propose-return'), returnAt: ms }),
  z.object({ type: z.literal('agree-return') }),
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('end'), reason: z.literal('partner-left').optional() }),
]);

/** A check-in is stored with its feelings and intensity, or, once erased, with only the marker. */
const checkInSchema = z.union([
  // The words are checked by the machine on replay, which also knows the words offered in the past.
  z.strictObject({ type: z.literal('check-in'), feelings: z.array(z.string()), intensity: z.number().int() }),
  z.strictObject({ type: z.literal('check-in'), erased: z.literal(true) }),
]);

export const storedEventSchema: z.ZodType<ConversationEvent> = z.union([checkInSchema, stepSchema]);

/** The data an erased check-in is rewritten to: nothing of what was chosen, only that a check-in happened. */
export const ERASED_CHECK_IN_DATA = { erased: true } as const;
