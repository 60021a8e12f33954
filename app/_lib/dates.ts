/**
 * One way to write dates and times in Mend, in the reader's own locale and time zone. Two partners
 * may live in different zones, and a signature time must mean the same moment to both, so moments
 * are written where they are read: in the browser (app/_components/local-time.tsx renders these
 * formats with the browser's locale and zone; the server's first render is a stable UTC fallback).
 *
 * Two kinds of value:
 * - moments (a Date or an ISO instant): "2 December 2026", "2 December 2026 at 14:17", "14:17"
 *   (en-GB; other locales read as their people write them);
 * - calendar days (YYYY-MM-DD: a journal entry's day, a commitment's day), which have no time zone:
 *   "Wednesday 2 December" is that day wherever it is read.
 */

export type MomentFormat = 'date' | 'date-time' | 'time';

// The locale's own long date and short time: each reader sees the order, words and clock they use.
const MOMENT_OPTIONS: Record<MomentFormat, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'long' },
  'date-time': { dateStyle: 'long', timeStyle: 'short' },
  time: { timeStyle: 'short' },
};

/** What the server renders before the browser knows the reader's zone: always the same text. */
export const FALLBACK_LOCALE = 'en-GB';

export interface ReaderSettings {
  /** BCP 47 locale; undefined means the runtime's (the browser's own). */
  locale?: string;
  /** IANA zone; undefined means the runtime's (the browser's own). */
  timeZone?: string;
}

export function formatMoment(moment: Date | string, format: MomentFormat = 'date-time', reader: ReaderSettings = {}, options: { weekday?: boolean } = {}): string {
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(reader.locale, {
    ...MOMENT_OPTIONS[format],
    ...(options.weekday && format !== 'time' ? { dateStyle: 'full' } : {}),
    ...(reader.timeZone ? { timeZone: reader.timeZone } : {}),
  }).format(date);
}

/** The server's first render of a moment: UTC, said so when a time is shown. */
export function formatMomentFallback(moment: Date | string, format: MomentFormat = 'date-time', options: { weekday?: boolean } = {}): string {
  const text = formatMoment(moment, format, { locale: FALLBACK_LOCALE, timeZone: 'UTC' }, options);
  return text && format !== 'date' ? `${text} UTC` : text;
}

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DayFormat {
  weekday?: boolean;
  year?: boolean;
  month?: 'long' | 'short';
  /** Only the day's name: "Wednesday". */
  weekdayOnly?: boolean;
}

/**
 * A calendar day (YYYY-MM-DD) as people read it: "Wednesday 2 December 2026"; the same day in every
 * zone. `locale` undefined is the fallback the server renders; 'reader' is the runtime's own (the
 * browser's, as app/_components/local-day.tsx uses it), like moments.
 */
export function formatCalendarDay(day: string, options: DayFormat & { locale?: string } = {}): string {
  const match = CALENDAR_DAY.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const locale = options.locale === 'reader' ? undefined : (options.locale ?? FALLBACK_LOCALE);
  if (options.weekdayOnly) return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long' }).format(date);
  const style: Intl.DateTimeFormatOptions =
    options.year === false || options.month === 'short'
      ? { day: 'numeric', month: options.month ?? 'long', ...(options.weekday === false ? {} : { weekday: 'long' }), ...(options.year === false ? {} : { year: 'numeric' }) }
      : { dateStyle: options.weekday === false ? 'long' : 'full' };
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...style }).format(date);
}

/** The calendar day a moment falls on for a reader in `timeZone` (YYYY-MM-DD). */
export function calendarDayOf(moment: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(moment);
}
