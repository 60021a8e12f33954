/** Words for commitments, shared by the list, the page and the space page's card. */
import type { Cadence, CheckInValue, CommitmentStatus } from '@/drizzle/schema';
import type { ReactNode } from 'react';
import { LocalDay } from '@/app/_components/local-day';
import { formatCalendarDay } from '@/app/_lib/dates';

const WEEKDAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
export const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A calendar date (YYYY-MM-DD) as the reader writes it: "Wednesday 4 June". */
export function formatDay(date: string, options: { weekday?: boolean; year?: boolean; weekdayOnly?: boolean } = {}): ReactNode {
  return <LocalDay day={date} weekday={options.weekday !== false} year={options.year === true} weekdayOnly={options.weekdayOnly} />;
}

export function describeCadence(cadence: Cadence): ReactNode {
  if (cadence.kind === 'once') return <>once, by {formatDay(cadence.by, { weekday: false })}</>;
  return describeCadenceText(cadence);
}

/** The same words as plain text (a form's option cannot hold the reader's day): the day in the fallback words. */
export function describeCadenceText(cadence: Cadence): string {
  switch (cadence.kind) {
    case 'daily':
      return 'every day';
    case 'weekly': {
      if (cadence.days.length === 7) return 'every day of the week';
      // Monday first, as people read a week.
      const ordered = [...cadence.days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map((d) => WEEKDAYS[d]!);
      return `on ${ordered.length > 1 ? `${ordered.slice(0, -1).join(', ')} and ${ordered.at(-1)}` : ordered[0]}`;
    }
    case 'every':
      return `every ${cadence.days} days`;
    case 'once':
      return `once, by ${formatCalendarDay(cadence.by, { weekday: false, year: false })}`;
  }
}

/** A period as a short phrase: one day, or a run of days. */
export function describePeriod(period: { start: string; end: string }): ReactNode {
  const last = lastDayOf(period);
  if (last === period.start) return formatDay(period.start);
  return (
    <>
      {formatDay(period.start, { weekday: false })} to {formatDay(last, { weekday: false })}
    </>
  );
}

/** Whether a period is a single day (its end is the next day's start). */
export function isOneDay(period: { start: string; end: string }): boolean {
  return lastDayOf(period) === period.start;
}

function lastDayOf(period: { start: string; end: string }): string {
  const [y, m, d] = period.end.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

export const STATUS_LABELS: Record<CommitmentStatus, string> = {
  requested: 'Asked for',
  declined: 'Declined',
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
};

export const CHECK_IN_WORDS: Record<CheckInValue, string> = { kept: 'Kept', partly: 'Partly', 'not-yet': 'Not yet' };
