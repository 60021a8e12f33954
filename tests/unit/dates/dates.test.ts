import { describe, expect, it } from 'vitest';
import { calendarDayOf, formatCalendarDay, formatMoment, formatMomentFallback } from '../../../app/_lib/dates';

const moment = new Date('2026-12-02T23:30:00Z');

describe('one way to write dates and times', () => {
  it('writes a moment in the reader’s locale and time zone', () => {
    expect(formatMoment(moment, 'date-time', { locale: 'en-GB', timeZone: 'Europe/London' })).toBe('2 December 2026 at 23:30');
    // The same moment is already the next day in Paris, and reads as an American would write it in New York.
    expect(formatMoment(moment, 'date-time', { locale: 'en-GB', timeZone: 'Europe/Paris' })).toBe('3 December 2026 at 00:30');
    expect(formatMoment(moment, 'date-time', { locale: 'en-US', timeZone: 'America/New_York' })).toBe('December 2, 2026 at 6:30 PM');
    expect(formatMoment(moment, 'time', { locale: 'en-US', timeZone: 'America/New_York' })).toBe('6:30 PM');
    expect(formatMoment(moment, 'date-time', { locale: 'de-DE', timeZone: 'Europe/Berlin' })).toBe('3. Dezember 2026 um 00:30');
  });

  it('has a date, a date and time, and a time, with the weekday when asked', () => {
    const reader = { locale: 'en-GB', timeZone: 'UTC' };
    expect(formatMoment(moment, 'date', reader)).toBe('2 December 2026');
    expect(formatMoment(moment, 'time', reader)).toBe('23:30');
    expect(formatMoment(moment, 'date', reader, { weekday: true })).toBe('Wednesday, 2 December 2026');
    expect(formatMoment(moment.toISOString(), 'date', reader)).toBe('2 December 2026');
    expect(formatMoment('not a date', 'date', reader)).toBe('');
  });

  it('renders the same fallback on any server, saying UTC when it shows a time', () => {
    expect(formatMomentFallback(moment)).toBe('2 December 2026 at 23:30 UTC');
    expect(formatMomentFallback(moment, 'date')).toBe('2 December 2026');
    expect(formatMomentFallback(moment, 'time')).toBe('23:30 UTC');
  });

  it('writes a calendar day as that day in every zone', () => {
    expect(formatCalendarDay('2026-12-02')).toBe('Wednesday, 2 December 2026');
    expect(formatCalendarDay('2026-12-02', { year: false })).toBe('Wednesday 2 December');
    expect(formatCalendarDay('2026-12-02', { weekday: false })).toBe('2 December 2026');
    expect(formatCalendarDay('2026-12-02', { weekday: false, year: false, month: 'short' })).toBe('2 Dec');
    expect(formatCalendarDay('2026-12-02', { locale: 'en-US', weekday: false })).toBe('December 2, 2026');
    expect(formatCalendarDay('yesterday')).toBe('yesterday');
  });

  it('writes a day the way the reader writes moments: their own locale, and the day name alone when asked', () => {
    const readerLocale = new Intl.DateTimeFormat().resolvedOptions().locale;
    expect(formatCalendarDay('2026-12-02', { locale: 'reader', weekday: false })).toBe(formatMoment('2026-12-02T12:00:00Z', 'date', { locale: readerLocale, timeZone: 'UTC' }));
    expect(formatCalendarDay('2026-12-02', { locale: 'en-US', weekday: false })).toBe(formatMoment('2026-12-02T12:00:00Z', 'date', { locale: 'en-US', timeZone: 'UTC' }));
    expect(formatCalendarDay('2026-12-02', { weekdayOnly: true })).toBe('Wednesday');
    expect(formatCalendarDay('2026-12-02', { weekdayOnly: true, locale: 'fr-FR' })).toBe('mercredi');
  });

  it('finds the calendar day a moment falls on for a reader', () => {
    expect(calendarDayOf(moment, 'UTC')).toBe('2026-12-02');
    expect(calendarDayOf(moment, 'Asia/Tokyo')).toBe('2026-12-03');
  });
});
