import type { Cadence } from '../../../drizzle/schema';
import { invalidInput } from '../errors';
import { localDate, type CalendarDate } from './periods';

/**
 * The date rules, against "today" in the committer's zone: a commitment starts today or later, and a
 * review date or a "by" date is on or after the start. Throws field messages for the form.
 */
export function checkCommitmentDates(input: { cadence: Cadence; startDate: CalendarDate; reviewDate?: CalendarDate | null; timeZone: string }, now: Date): void {
  const today = localDate(now, input.timeZone);
  const errors: Record<string, string[]> = {};
  if (input.startDate < today) errors.startDate = ['Choose today or a later day to start: a commitment cannot start in the past.'];
  if (input.reviewDate && input.reviewDate < input.startDate) errors.reviewDate = ['Choose a review date on or after the start date.'];
  if (input.cadence.kind === 'once' && input.cadence.by < input.startDate) errors.cadence = ['Choose a “by” date on or after the start date.'];
  if (Object.keys(errors).length) throw invalidInput('Please check the highlighted fields.', errors);
}
