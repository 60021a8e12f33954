/** What a person may send about a shared experience; the forms and the server share these schemas. */
import { z } from 'zod';
import { isTimeZone } from '../commitments/periods';

export const EXPERIENCE_TITLE_MAX = 120;
export const EXPERIENCE_NOTES_MAX = 2000;
export const EXPERIENCE_LINK_MAX = 2000;
export const MEMORY_TEXT_MAX = 2000;

/**
 * An optional link, kept only when the URL parser reads it as http or https. Anything else
 * (javascript:, data:, file:, a bare word) is refused: the link is shown to the partner as a link.
 */
const linkSchema = z
  .string()
  .trim()
  .max(EXPERIENCE_LINK_MAX, { error: `Keep the link under ${EXPERIENCE_LINK_MAX} characters.` })
  .optional()
  .transform((value, context) => {
    if (!value) return null;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      context.addIssue({ code: 'custom', message: 'That link could not be read. Paste a whole web address, starting with https://.' });
      return z.NEVER;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      context.addIssue({ code: 'custom', message: 'Only web links (starting with https:// or http://) can be added.' });
      return z.NEVER;
    }
    if (url.username || url.password) {
      context.addIssue({ code: 'custom', message: 'Leave out any name or password in the link.' });
      return z.NEVER;
    }
    // The parser's own serialisation, never the raw text: what is stored is what was checked.
    return url.href;
  });

export const experienceIdeaSchema = z.object({
  title: z
    .string({ error: 'Give the idea a short title.' })
    .trim()
    .min(1, { error: 'Give the idea a short title.' })
    .max(EXPERIENCE_TITLE_MAX, { error: `Keep the title under ${EXPERIENCE_TITLE_MAX} characters.` }),
  notes: z
    .string()
    .trim()
    .max(EXPERIENCE_NOTES_MAX, { error: `Keep the notes under ${EXPERIENCE_NOTES_MAX} characters.` })
    .optional()
    .transform((value) => value ?? ''),
  link: linkSchema,
});
export type ExperienceIdeaInput = z.input<typeof experienceIdeaSchema>;

/** What a datetime-local input sends: a wall-clock time without a zone, to the minute (seconds allowed). */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export const planSchema = z.object({
  when: z
    .string({ error: 'Choose a day and a time.' })
    .trim()
    .min(1, { error: 'Choose a day and a time.' })
    .refine((value) => parseLocalDateTime(value) !== null, { error: 'Choose a day and a time.' }),
  timeZone: z
    .string({ error: 'Your time zone could not be read. Please reload the page.' })
    .refine(isTimeZone, { error: 'Your time zone could not be read. Please reload the page.' }),
});
export type PlanInput = z.input<typeof planSchema>;

export const memoryTextSchema = z
  .string()
  .trim()
  .max(MEMORY_TEXT_MAX, { error: `Keep your memory under ${MEMORY_TEXT_MAX} characters.` })
  .optional()
  .transform((value) => value ?? '');

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Reads "2031-06-12T19:30" into its parts, or null when it is not a real calendar time. */
export function parseLocalDateTime(value: string): LocalDateTime | null {
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || day < 1) return null;
  // Day 31 of a 30-day month rolls over in Date.UTC: compare to catch it.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day, hour, minute, second };
}

/** The zone's offset from UTC (ms) at one instant. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time in `timeZone` names. The offset is looked up twice because the
 * offset at the guessed instant can differ from the one at the answer near a DST change. A time
 * skipped by a spring-forward (02:30 on that night) lands just after the gap, as a clock would.
 */
export function instantOfLocalTime(local: LocalDateTime, timeZone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return new Date(second);
}
