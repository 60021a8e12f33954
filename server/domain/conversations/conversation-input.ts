/**
 * What a partner may send about a conversation (socket.io `conversation-action-to-server`), with
 * messages they can act on. The server adds what only it may decide: who the partner is, the pause
 * minimum, the next-steps document, and the time.
 */
import { z } from 'zod';
import { CHECK_IN_FEELINGS, TURN_SECONDS_DEFAULT } from './conversation-machine';

export const TOPIC_MAX = 200;

const conversationId = z.uuid({ error: 'That conversation could not be found.' });
const epochMs = (what: string) => z.number({ error: `Choose ${what}.` }).int({ error: `Choose ${what}.` }).positive({ error: `Choose ${what}.` });

export const topicSchema = z
  .string({ error: 'Say in one sentence what you would like to talk about.' })
  .trim()
  .min(1, 'Say in one sentence what you would like to talk about.')
  .max(TOPIC_MAX, `Keep the topic to one sentence (under ${TOPIC_MAX} characters).`)
  .refine((topic) => !/[\u0000-\u001f\u007f]/.test(topic), 'The topic cannot contain control characters.');

export const conversationActionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('propose'),
      topic: topicSchema,
      turnMinutes: z
        .number({ error: 'Choose a turn length from 1 to 10 minutes.' })
        .int({ error: 'Choose a whole number of minutes.' })
        .min(1, 'A turn lasts at least 1 minute.')
        .max(10, 'A turn lasts at most 10 minutes.')
        .default(TURN_SECONDS_DEFAULT / 60),
    }),
    z.object({ type: z.literal('accept'), conversationId }),
    z.object({ type: z.literal('propose-time'), conversationId, at: epochMs('a time within the next 24 hours') }),
    z.object({ type: z.literal('arrive'), conversationId }),
    z.object({
      type: z.literal('check-in'),
      conversationId,
      feelings: z
        .array(z.enum(CHECK_IN_FEELINGS as [string, ...string[]], { error: 'Choose feelings from the list.' }), { error: 'Choose at least one feeling.' })
        .min(1, 'Choose at least one feeling.')
        .max(5, 'Choose up to five feelings.'),
      intensity: z.number({ error: 'Choose an intensity from 1 to 5.' }).int().min(1, 'Choose an intensity from 1 to 5.').max(5, 'Choose an intensity from 1 to 5.'),
    }),
    z.object({ type: z.literal('yield'), conversationId }),
    z.object({
      type: z.literal('reflect'),
      conversationId,
      text: z.string({ error: 'Write what you heard.' }).trim().min(1, 'Write what you heard, in a sentence or two.').max(2000, 'Keep the reflection under 2000 characters.'),
    }),
    z.object({ type: z.literal('answer-reflection'), conversationId, verdict: z.enum(['right', 'not-quite'], { error: 'Answer "That\'s right" or "Not quite".' }) }),
    z.object({ type: z.literal('ask-more'), conversationId }),
    z.object({ type: z.literal('continue-speaking'), conversationId }),
    z.object({ type: z.literal('pass-floor'), conversationId }),
    z.object({ type: z.literal('move-to-next-steps'), conversationId }),
    z.object({ type: z.literal('pause'), conversationId, returnAt: epochMs('when you would like to come back') }),
    z.object({ type: z.literal('propose-return'), conversationId, returnAt: epochMs('when you would like to come back') }),
    z.object({ type: z.literal('agree-return'), conversationId }),
    z.object({ type: z.literal('ready'), conversationId }),
    z.object({ type: z.literal('end'), conversationId }),
  ],
  { error: 'That is not something you can do in a conversation.' },
);

export type ConversationAction = z.output<typeof conversationActionSchema>;
export type ConversationActionInput = z.input<typeof conversationActionSchema>;

/** The first problem, in words a person can act on. */
export function describeInputProblem(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'That request was not understood.';
}
