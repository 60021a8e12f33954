/** Words for commitments, shared by the list, the page and the space page's card. */
import type { Cadence, CheckInValue, CommitmentStatus } from '@/drizzle/schema';
import { formatCalendarDay } from '@/app/_lib/dates';

const WEEKDAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
export const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A calendar date (YYYY-MM-DD) as people read it: "Wednesday 4 June". */
export function formatDay(date: string, options: { weekday?: boolean; year?: boolean } = {}): string {
  return formatCalendarDay(date, { weekday: options.weekday !== false, year: options.year === true });
}

export function describeCadence(cadence: Cadence): string {
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
      return `once, by ${formatDay(cadence.by, { weekday: false })}`;
  }
}

/** A period as a short phrase: one day, or a run of days. */
export function describePeriod(period: { start: string; end: string }): string {
  const [y, m, d] = period.end.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  if (last === period.start) return formatDay(period.start);
  return `${formatDay(period.start, { weekday: false })} to ${formatDay(last, { weekday: false })}`;
}

export const STATUS_LABELS: Record<CommitmentStatus, string> = {
  requested: 'Asked for',
  declined: 'Declined',
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
};

export const CHECK_IN_WORDS: Record<CheckInValue, string> = { kept: 'Kept', partly: 'Partly', 'not-yet': 'Not yet' };
