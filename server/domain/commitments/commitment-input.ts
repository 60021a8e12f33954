/** What a person may send about a commitment; the forms and the server share these schemas. */
import { z } from 'zod';
import { isCalendarDate, isTimeZone } from './periods';

export const COMMITMENT_TEXT_MAX = 500;
export const STEP_NOTE_MAX = 1000;
export const CHECK_IN_NOTE_MAX = 1000;
/** "Every N days" up to a season: longer than that, "once by a date" says it better. */
export const EVERY_DAYS_MAX = 90;

const dateField = (message: string) => z.string({ error: message }).trim().refine(isCalendarDate, { error: message });

export const commitmentTextSchema = z
  .string({ error: 'Write what you will do.' })
  .trim()
  .min(1, { error: 'Write what you will do.' })
  .max(COMMITMENT_TEXT_MAX, { error: `Keep a commitment under ${COMMITMENT_TEXT_MAX} characters.` });

export const cadenceSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('daily') }),
    z.object({
      kind: z.literal('weekly'),
      days: z
        .array(z.number().int().min(0).max(6), { error: 'Choose the days of the week.' })
        .min(1, { error: 'Choose at least one day of the week.' })
        .max(7)
        .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
    }),
    z.object({
      kind: z.literal('every'),
      days: z
        .number({ error: 'Say every how many days.' })
        .int({ error: 'Say every how many days, as a whole number.' })
        .min(2, { error: 'Every 1 day is daily: choose “every day” instead, or 2 days or more.' })
        .max(EVERY_DAYS_MAX, { error: `Choose at most every ${EVERY_DAYS_MAX} days, or “once, by a date”.` }),
    }),
    z.object({ kind: z.literal('once'), by: dateField('Choose the date it will be done by.') }),
  ],
  { error: 'Choose how often: every day, on chosen days, every few days, or once by a date.' },
);

export const timeZoneSchema = z
  .string({ error: 'Your time zone could not be read. Please reload the page.' })
  .refine(isTimeZone, { error: 'Your time zone could not be read. Please reload the page.' });

/** A block of an agreement, by the Yjs id of its element: stable while the text around it changes. */
export const clauseSchema = z.object({
  documentId: z.uuid({ error: 'Choose an agreement clause from the list.' }),
  client: z.number().int().nonnegative(),
  clock: z.number().int().nonnegative(),
});
export type ClauseReference = z.infer<typeof clauseSchema>;

/** Dates are checked against "today" in the committer's zone by the domain function, which knows the clock. */
export const commitmentInputSchema = z.object({
  text: commitmentTextSchema,
  cadence: cadenceSchema,
  startDate: dateField('Choose the day it starts.'),
  reviewDate: dateField('Choose a review date, or leave it empty.').optional(),
  timeZone: timeZoneSchema,
  clause: clauseSchema.optional(),
});
export type CommitmentInput = z.input<typeof commitmentInputSchema>;

export const stepNoteSchema = z.object({
  note: z
    .string()
    .trim()
    .max(STEP_NOTE_MAX, { error: `Keep the note under ${STEP_NOTE_MAX} characters.` })
    .optional()
    .transform((note) => note || null),
});

export const acceptInputSchema = stepNoteSchema.extend({ timeZone: timeZoneSchema.optional() });

export const changeInputSchema = stepNoteSchema.extend({ text: commitmentTextSchema });

export const checkInInputSchema = z.object({
  periodStart: dateField('That period could not be found.'),
  value: z.enum(['kept', 'partly', 'not-yet'], { error: 'Choose “kept”, “partly” or “not yet”.' }),
  note: z
    .string()
    .trim()
    .max(CHECK_IN_NOTE_MAX, { error: `Keep the note under ${CHECK_IN_NOTE_MAX} characters.` })
    .optional()
    .transform((note) => note || null),
});
export type CheckInInput = z.input<typeof checkInInputSchema>;

export const CHECK_IN_LABELS = { kept: 'Kept', partly: 'Partly', 'not-yet': 'Not yet' } as const;
