import { describe, expect, it } from 'vitest';
import {
  addDays,
  chartWeeks,
  currentPeriod,
  hasPeriodEnded,
  isCalendarDate,
  isPeriodStart,
  isTimeZone,
  localDate,
  mondayOf,
  periodInstants,
  periodsBetween,
  periodsDueThisWeek,
  startOfDay,
  weekContaining,
  weekdayOf,
  type CadenceSchedule,
} from '../../../server/domain/commitments/periods';

const hours = (ms: number) => ms / 3_600_000;
const dayLength = (date: string, zone: string) => hours(startOfDay(addDays(date, 1), zone) - startOfDay(date, zone));

describe('calendar dates and zones', () => {
  it('knows real dates, weekdays and Mondays', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
    expect(isCalendarDate('24-01-01')).toBe(false);
    expect(weekdayOf('2024-06-03')).toBe(1);
    expect(weekdayOf('2024-06-09')).toBe(0);
    expect(mondayOf('2024-06-09')).toBe('2024-06-03');
    expect(mondayOf('2024-06-03')).toBe('2024-06-03');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('accepts IANA zone names and refuses anything else', () => {
    for (const zone of ['Europe/London', 'Pacific/Auckland', 'Asia/Kolkata', 'UTC']) expect(isTimeZone(zone)).toBe(true);
    for (const zone of ['Mars/Olympus', '', 'Europe/London; drop table', 'x'.repeat(100)]) expect(isTimeZone(zone)).toBe(false);
  });

  it('reads the calendar date of an instant in the zone, not in UTC', () => {
    const instant = Date.parse('2024-06-03T20:00:00Z');
    expect(localDate(instant, 'Europe/London')).toBe('2024-06-03');
    expect(localDate(instant, 'Pacific/Auckland')).toBe('2024-06-04');
    expect(localDate(Date.parse('2024-06-03T02:00:00Z'), 'America/New_York')).toBe('2024-06-02');
    expect(localDate(Date.parse('2024-06-03T18:29:59Z'), 'Asia/Kolkata')).toBe('2024-06-03');
    expect(localDate(Date.parse('2024-06-03T18:30:00Z'), 'Asia/Kolkata')).toBe('2024-06-04');
  });

  it('has days of 23 and 25 hours across DST changes, and 24 otherwise', () => {
    expect(dayLength('2024-03-31', 'Europe/London')).toBe(23);
    expect(dayLength('2024-10-27', 'Europe/London')).toBe(25);
    expect(dayLength('2024-03-10', 'America/New_York')).toBe(23);
    expect(dayLength('2024-11-03', 'America/New_York')).toBe(25);
    expect(dayLength('2024-04-07', 'Pacific/Auckland')).toBe(25);
    expect(dayLength('2024-09-29', 'Pacific/Auckland')).toBe(23);
    expect(dayLength('2024-06-03', 'Asia/Kolkata')).toBe(24);
  });

  it('starts a day after the gap when midnight itself is skipped (Sao Paulo, 2018)', () => {
    // Brazil sprang forward at 00:00 on 4 November 2018: that day began at 01:00 (-02), 03:00 UTC.
    expect(new Date(startOfDay('2018-11-04', 'America/Sao_Paulo')).toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(dayLength('2018-11-04', 'America/Sao_Paulo')).toBe(23);
    // It fell back at 00:00 on 17 February 2019, repeating the hour before midnight: a 25-hour Saturday.
    expect(dayLength('2019-02-16', 'America/Sao_Paulo')).toBe(25);
  });

  it('gives a day a zone skipped entirely no length (Samoa, 30 December 2011)', () => {
    expect(startOfDay('2011-12-30', 'Pacific/Apia')).toBe(startOfDay('2011-12-31', 'Pacific/Apia'));
  });
});

describe('periods of each cadence', () => {
  const zone = 'Europe/London';
  const at = (iso: string) => Date.parse(iso);

  it('daily: each day from the start date', () => {
    const schedule: CadenceSchedule = { cadence: { kind: 'daily' }, startDate: '2024-03-30', timeZone: zone };
    expect(currentPeriod(schedule, at('2024-03-29T12:00:00Z'))).toBeNull();
    expect(currentPeriod(schedule, at('2024-03-31T00:30:00Z'))).toEqual({ start: '2024-03-31', end: '2024-04-01' });
    expect(periodsBetween(schedule, '2024-03-30', '2024-04-02').map((p) => p.start)).toEqual(['2024-03-30', '2024-03-31', '2024-04-01']);
    const { startsAt, endsAt } = periodInstants({ start: '2024-03-31', end: '2024-04-01' }, zone);
    expect(startsAt.toISOString()).toBe('2024-03-31T00:00:00.000Z');
    expect(endsAt.toISOString()).toBe('2024-03-31T23:00:00.000Z');
  });

  it('weekly: each chosen weekday is a period of one day; other days are in none', () => {
    // Mondays and Thursdays.
    const schedule: CadenceSchedule = { cadence: { kind: 'weekly', days: [1, 4] }, startDate: '2024-06-01', timeZone: zone };
    expect(periodsBetween(schedule, '2024-06-01', '2024-06-15').map((p) => p.start)).toEqual(['2024-06-03', '2024-06-06', '2024-06-10', '2024-06-13']);
    expect(currentPeriod(schedule, at('2024-06-04T12:00:00Z'))).toBeNull();
    expect(currentPeriod(schedule, at('2024-06-06T12:00:00Z'))).toEqual({ start: '2024-06-06', end: '2024-06-07' });
  });

  it('every N days: back-to-back periods of N days from the start date', () => {
    const schedule: CadenceSchedule = { cadence: { kind: 'every', days: 3 }, startDate: '2024-06-01', timeZone: zone };
    expect(periodsBetween(schedule, '2024-06-02', '2024-06-10')).toEqual([
      { start: '2024-06-01', end: '2024-06-04' },
      { start: '2024-06-04', end: '2024-06-07' },
      { start: '2024-06-07', end: '2024-06-10' },
    ]);
    expect(isPeriodStart(schedule, '2024-06-04')).toEqual({ start: '2024-06-04', end: '2024-06-07' });
    expect(isPeriodStart(schedule, '2024-06-05')).toBeNull();
  });

  it('once: one period from the start date to the by date, inclusive; nothing after', () => {
    const schedule: CadenceSchedule = { cadence: { kind: 'once', by: '2024-06-20' }, startDate: '2024-06-01', timeZone: zone };
    expect(periodsBetween(schedule, '2024-05-01', '2024-08-01')).toEqual([{ start: '2024-06-01', end: '2024-06-21' }]);
    expect(currentPeriod(schedule, at('2024-06-20T22:59:59Z'))).toEqual({ start: '2024-06-01', end: '2024-06-21' });
    expect(currentPeriod(schedule, at('2024-06-20T23:00:00Z'))).toBeNull();
    expect(hasPeriodEnded({ start: '2024-06-01', end: '2024-06-21' }, zone, at('2024-06-20T22:59:59Z'))).toBe(false);
    expect(hasPeriodEnded({ start: '2024-06-01', end: '2024-06-21' }, zone, at('2024-06-20T23:00:00Z'))).toBe(true);
  });

  it('a period ends at midnight in the commitment’s zone, not the server’s', () => {
    const period = { start: '2024-06-03', end: '2024-06-04' };
    // 23:30 in Auckland on 3 June is still the period; in UTC it is already 11:30 on 3 June.
    expect(hasPeriodEnded(period, 'Pacific/Auckland', at('2024-06-03T11:29:00Z'))).toBe(false);
    expect(hasPeriodEnded(period, 'Pacific/Auckland', at('2024-06-03T12:00:00Z'))).toBe(true);
  });
});

describe('the week and the chart', () => {
  it('a week is Monday to Sunday in the person’s own zone', () => {
    // Sunday 9 June 2024, 23:00 in London is already Monday 10 June in Auckland.
    const instant = Date.parse('2024-06-09T22:00:00Z');
    expect(weekContaining(instant, 'Europe/London')).toEqual({ start: '2024-06-03', end: '2024-06-10' });
    expect(weekContaining(instant, 'Pacific/Auckland')).toEqual({ start: '2024-06-10', end: '2024-06-17' });
  });

  it('due this week: the periods that overlap the week', () => {
    const at = Date.parse('2024-06-05T12:00:00Z');
    const daily: CadenceSchedule = { cadence: { kind: 'daily' }, startDate: '2024-06-05', timeZone: 'Europe/London' };
    expect(periodsDueThisWeek(daily, at).map((p) => p.start)).toEqual(['2024-06-05', '2024-06-06', '2024-06-07', '2024-06-08', '2024-06-09']);
    const fortnightly: CadenceSchedule = { cadence: { kind: 'every', days: 14 }, startDate: '2024-05-29', timeZone: 'Europe/London' };
    expect(periodsDueThisWeek(fortnightly, at)).toEqual([{ start: '2024-05-29', end: '2024-06-12' }]);
    const later: CadenceSchedule = { cadence: { kind: 'daily' }, startDate: '2024-07-01', timeZone: 'Europe/London' };
    expect(periodsDueThisWeek(later, at)).toEqual([]);
  });

  it('the chart grid: weeks from the start to now, each with the periods that began in it', () => {
    const schedule: CadenceSchedule = { cadence: { kind: 'weekly', days: [0, 3] }, startDate: '2024-05-29', timeZone: 'Europe/London' };
    const weeks = chartWeeks(schedule, Date.parse('2024-06-12T12:00:00Z'));
    expect(weeks.map((w) => w.monday)).toEqual(['2024-05-27', '2024-06-03', '2024-06-10']);
    expect(weeks.map((w) => w.periods.map((p) => p.start))).toEqual([['2024-05-29', '2024-06-02'], ['2024-06-05', '2024-06-09'], ['2024-06-12']]);
    expect(chartWeeks(schedule, Date.parse('2024-05-01T12:00:00Z'))).toEqual([]);
    expect(chartWeeks({ ...schedule, startDate: '2023-01-04' }, Date.parse('2024-06-12T12:00:00Z'), 8)).toHaveLength(8);
  });
});
