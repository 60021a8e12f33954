/**
 * The one way an export writes a moment: "2 December 2026, 14:05 UTC". A file is read later and
 * elsewhere, by either partner, who may live in different time zones, so it names its time zone
 * instead of guessing the reader's, and reads as a date a person would write rather than an ISO stamp.
 */
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

export function formatExportTime(moment: Date): string {
  return `${DATE.format(moment)}, ${TIME.format(moment)} UTC`;
}


/** A calendar day stored as YYYY-MM-DD ("2026-11-01"), written as a person would: "1 November 2026". */
export function formatExportDay(day: string): string {
  return DATE.format(new Date(`${day}T12:00:00Z`));
}
