/** What a person may send about an amend; the forms and the server share these schemas. */
import { z } from 'zod';

export const WHAT_I_DID_MAX_LENGTH = 5000;
export const HOW_IT_AFFECTED_MAX_LENGTH = 5000;
export const RECEIVED_WORDS_MAX_LENGTH = 2000;
/** More links than this stop being a plan someone can follow; it is a guard, not a goal. */
export const LINKED_COMMITMENTS_MAX = 12;

export const amendDraftSchema = z.object({
  whatIDid: z
    .string({ error: 'Write what you did, in your own words.' })
    .trim()
    .min(1, { error: 'Write what you did, in your own words.' })
    .max(WHAT_I_DID_MAX_LENGTH, { error: `Keep “what I did” under ${WHAT_I_DID_MAX_LENGTH} characters.` }),
  howItAffectedYou: z
    .string({ error: 'Write how you understand it affected your partner, or leave it empty.' })
    .trim()
    .max(HOW_IT_AFFECTED_MAX_LENGTH, { error: `Keep “how I understand it affected you” under ${HOW_IT_AFFECTED_MAX_LENGTH} characters.` })
    .default(''),
  commitmentIds: z
    .array(z.uuid({ error: 'Choose commitments from the list.' }), { error: 'Choose commitments from the list.' })
    .max(LINKED_COMMITMENTS_MAX, { error: `Link at most ${LINKED_COMMITMENTS_MAX} commitments.` })
    .default([])
    .transform((ids) => [...new Set(ids)]),
  /** "I will …" made in place, as a new commitment of the author's (commitment-input.ts checks it). */
  newCommitment: z.unknown().optional(),
});
export type AmendDraftInput = z.input<typeof amendDraftSchema>;

export const receiveAmendSchema = z.object({
  words: z
    .string({ error: 'Write a few words, or leave it empty.' })
    .trim()
    .max(RECEIVED_WORDS_MAX_LENGTH, { error: `Keep your words under ${RECEIVED_WORDS_MAX_LENGTH} characters.` })
    .optional()
    .transform((words) => words || null),
});

export const howItAffectedMeSchema = z.object({
  text: z
    .string({ error: 'Write how it affected you, in your own words.' })
    .trim()
    .min(1, { error: 'Write how it affected you, in your own words.' })
    .max(HOW_IT_AFFECTED_MAX_LENGTH, { error: `Keep it under ${HOW_IT_AFFECTED_MAX_LENGTH} characters.` }),
});
