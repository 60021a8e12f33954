/** What a person may send about a note; the forms and the server share these schemas. */
import { z } from 'zod';
import { noteFeelingsSchema } from '../feelings/feeling-input';

export const WHAT_I_NEED_MAX_LENGTH = 2000;
export const REPLY_MAX_LENGTH = 2000;
export const ACKNOWLEDGEMENT_MAX_LENGTH = 500;

export const noteDraftSchema = z.object({
  feelings: noteFeelingsSchema,
  whatINeed: z
    .string({ error: 'Write what you need, or leave it empty.' })
    .trim()
    .max(WHAT_I_NEED_MAX_LENGTH, { error: `Keep “what I need” under ${WHAT_I_NEED_MAX_LENGTH} characters.` })
    .default(''),
});
export type NoteDraftInput = z.infer<typeof noteDraftSchema>;

export const replySchema = z.object({
  body: z
    .string({ error: 'Write a reply first.' })
    .trim()
    .min(1, { error: 'Write a reply first.' })
    .max(REPLY_MAX_LENGTH, { error: `Keep a reply under ${REPLY_MAX_LENGTH} characters.` }),
});

export const acknowledgementSchema = z.object({
  response: z
    .string()
    .trim()
    .max(ACKNOWLEDGEMENT_MAX_LENGTH, { error: `Keep your response under ${ACKNOWLEDGEMENT_MAX_LENGTH} characters.` })
    .default(''),
});

export const noteFiltersSchema = z.object({
  feeling: z.string().max(60).optional().catch(undefined),
  author: z.enum(['me', 'partner']).optional().catch(undefined),
  acknowledged: z.enum(['yes', 'no']).optional().catch(undefined),
});
export type NoteFilters = z.infer<typeof noteFiltersSchema>;
