/**
 * The periods of a commitment's cadence, in the committer's IANA time zone. Pure functions of their
 * inputs (no clock, no database), so they are unit- and property-tested across zones and DST changes.
 *
 * The model: a period is a run of whole *calendar days* in the commitment's zone, written as
 * `YYYY-MM-DD` strings, from `start` (its first day) up to `end` (the day after its last day, so
 * periods are half-open and never overlap). An instant belongs to a period when its calendar date in
 * that zone lies in [start, end). All the cadence arithmetic is done on calendar dates, never on
 * milliseconds, which is why a 23- or 25-hour day (a DST change) is still exactly one day.
 *
 * The cadences:
 * - daily: every day from the start date is a period of one day;
 * - weekly on chosen weekdays: each chosen weekday (0 = Sunday … 6 = Saturday) on or after the start
 *   date is a period of one day; days not chosen belong to no period (nothing is due on them);
 * - every N days: periods of N days back to back, the first beginning on the start date;
 * - once, by a date: one period from the start date to the 'by' date, inclusive.
 * Before the start date, and after a 'once' commitment's 'by' date, no period runs.
 *
 * A person's week runs Monday to Sunday in their own zone (the commitment stores its committer's).
 */
import type { Cadence } from '../../../drizzle/schema';

/** A calendar date, `YYYY-MM-DD`. */
export type CalendarDate = string;

export interface Period {
  /** The period's first day; check-ins are stored under it (commitment_check_ins.period_start). */
  start: CalendarDate;
  /** The day after its last day. */
  end: CalendarDate;
}

export interface CadenceSchedule {
  cadence: Cadence;
  startDate: CalendarDate;
  timeZone: string;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/* ---------- calendar dates ---------- */

export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function toUtcDay(date: CalendarDate): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`Not a calendar date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

function fromUtcDay(day: number): CalendarDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcDay(toUtcDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toUtcDay(to) - toUtcDay(from);
}

/** 0 = Sunday … 6 = Saturday, as Date.getDay and the stored weekly cadence count them. */
export function weekdayOf(date: CalendarDate): number {
  return new Date(toUtcDay(date) * DAY_MS).getUTCDay();
}

/** The Monday of the week (Monday to Sunday) that contains `date`. */
export function mondayOf(date: CalendarDate): CalendarDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/* ---------- time zones ---------- */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'iso8601', numberingSystem: 'latn' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a time zone name the runtime knows (IANA names such as "Europe/London", or "UTC"). */
export function isTimeZone(value: string): boolean {
  if (!value || value.length > 64) return false;
  try {
    formatterFor(value);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date an instant falls on in `timeZone`. */
export function localDate(instant: Date | number, timeZone: string): CalendarDate {
  const parts = formatterFor(timeZone).formatToParts(typeof instant === 'number' ? instant : instant.getTime());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

const dayStarts = new Map<string, number>();

/**
 * The first instant (epoch ms) whose calendar date in `timeZone` is `date` or later: the day's
 * midnight, or the end of a DST gap when midnight itself is skipped (Sao Paulo used to spring forward
 * at 00:00), or the next day's start when a zone skipped the whole day (Samoa, 30 December 2011).
 * Found by a search over whole seconds, because zone offsets are whole seconds and the calendar date
 * never goes backwards as time moves on.
 */
export function startOfDay(date: CalendarDate, timeZone: string): number {
  const key = `${timeZone}|${date}`;
  const cached = dayStarts.get(key);
  if (cached !== undefined) return cached;
  const reached = (seconds: number) => localDate(seconds * 1000, timeZone) >= date;
  // Zone offsets lie between -12 and +14 hours: local midnight is within this window of UTC midnight.
  let low = toUtcDay(date) * 86_400 - 15 * 3600;
  let high = toUtcDay(date) * 86_400 + 13 * 3600;
  // Historical local mean times stray a little further; widen rather than guess.
  while (reached(low)) low -= 86_400;
  while (!reached(high)) high += 86_400;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (reached(middle)) high = middle;
    else low = middle;
  }
  const result = high * 1000;
  if (dayStarts.size > 50_000) dayStarts.clear();
  dayStarts.set(key, result);
  return result;
}

/** When a period begins and ends, as instants, in the commitment's zone. */
export function periodInstants(period: Period, timeZone: string): { startsAt: Date; endsAt: Date } {
  return { startsAt: new Date(startOfDay(period.start, timeZone)), endsAt: new Date(startOfDay(period.end, timeZone)) };
}

/* ---------- periods of a cadence ---------- */

/** The period that contains calendar date `date`, or null (before the start, a day not chosen, after 'by'). */
export function periodContainingDate(schedule: CadenceSchedule, date: CalendarDate): Period | null {
  const { cadence, startDate } = schedule;
  if (date < startDate) return null;
  switch (cadence.kind) {
    case 'daily':
      return { start: date, end: addDays(date, 1) };
    case 'weekly':
      return cadence.days.includes(weekdayOf(date)) ? { start: date, end: addDays(date, 1) } : null;
    case 'every': {
      const index = Math.floor(daysBetween(startDate, date) / cadence.days);
      const start = addDays(startDate, index * cadence.days);
      return { start, end: addDays(start, cadence.days) };
    }
    case 'once':
      return date <= cadence.by ? { start: startDate, end: addDays(cadence.by, 1) } : null;
  }
}

/** The period running at instant `at`, or null when none is. */
export function currentPeriod(schedule: CadenceSchedule, at: Date | number): Period | null {
  return periodContainingDate(schedule, localDate(at, schedule.timeZone));
}

/** A period has ended once its last day is over in the commitment's zone. */
export function hasPeriodEnded(period: Period, timeZone: string, at: Date | number): boolean {
  return localDate(at, timeZone) >= period.end;
}

/** Is `periodStart` the first day of one of this cadence's periods? */
export function isPeriodStart(schedule: CadenceSchedule, periodStart: CalendarDate): Period | null {
  if (!isCalendarDate(periodStart)) return null;
  const period = periodContainingDate(schedule, periodStart);
  return period && period.start === periodStart ? period : null;
}

/**
 * Every period that begins on or after `from` and before `until` (both calendar dates), oldest first.
 * A period already running on `from` is included too, so a range always shows what was running.
 */
export function periodsBetween(schedule: CadenceSchedule, from: CalendarDate, until: CalendarDate): Period[] {
  const out: Period[] = [];
  let date = from < schedule.startDate ? schedule.startDate : from;
  const first = periodContainingDate(schedule, date);
  if (first) {
    out.push(first);
    date = first.end;
  }
  while (date < until) {
    const period = periodContainingDate(schedule, date);
    if (period) {
      if (period.start === date) out.push(period);
      date = period.end;
    } else {
      if (schedule.cadence.kind === 'once') break;
      date = addDays(date, 1);
    }
  }
  return out;
}

/** The person's week, Monday to Sunday in `timeZone`, that contains instant `at`. */
export function weekContaining(at: Date | number, timeZone: string): Period {
  const monday = mondayOf(localDate(at, timeZone));
  return { start: monday, end: addDays(monday, 7) };
}

/**
 * The periods one can check in on during the week (Monday to Sunday, in the commitment's zone) that
 * contains `at`: every period that overlaps that week, oldest first.
 */
export function periodsDueThisWeek(schedule: CadenceSchedule, at: Date | number): Period[] {
  const week = weekContaining(at, schedule.timeZone);
  return periodsBetween(schedule, week.start, week.end).filter((period) => period.start < week.end && period.end > week.start);
}

export interface ChartWeek {
  /** The Monday the week starts on. */
  monday: CalendarDate;
  /** The periods that begin in this week, oldest first (a period spanning weeks shows where it began). */
  periods: Period[];
}

/**
 * The grid behind a commitment's chart: up to `maxWeeks` weeks, Monday to Sunday in the commitment's
 * zone, from the week of the start date to the week containing `at`, newest last. Only periods that
 * have begun by `at` appear.
 */
export function chartWeeks(schedule: CadenceSchedule, at: Date | number, maxWeeks = 12): ChartWeek[] {
  const today = localDate(at, schedule.timeZone);
  if (today < schedule.startDate) return [];
  const lastMonday = mondayOf(today);
  const firstMonday = mondayOf(schedule.startDate);
  const weekCount = Math.min(maxWeeks, Math.floor(daysBetween(firstMonday, lastMonday) / 7) + 1);
  const weeks: ChartWeek[] = [];
  for (let i = weekCount - 1; i >= 0; i--) {
    const monday = addDays(lastMonday, -7 * i);
    const sunday = addDays(monday, 7);
    const periods = periodsBetween(schedule, monday, sunday).filter((p) => p.start >= monday && p.start < sunday && p.start <= today);
    weeks.push({ monday, periods });
  }
  return weeks;
}
