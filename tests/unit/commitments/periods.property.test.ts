/**
 * Invariants of the period calculation across time zones and DST changes: an instant is in at most
 * one period (exactly one when a period runs that day), periods never overlap, and daily periods are
 * consecutive calendar days in the zone even on 23- and 25-hour days.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cadence } from '../../../drizzle/schema';
import {
  addDays,
  currentPeriod,
  daysBetween,
  hasPeriodEnded,
  localDate,
  periodInstants,
  periodsBetween,
  periodsDueThisWeek,
  startOfDay,
  weekContaining,
  weekdayOf,
  type CadenceSchedule,
} from '../../../server/domain/commitments/periods';

const ZONES = ['Pacific/Auckland', 'America/Sao_Paulo', 'Europe/London', 'Asia/Kolkata', 'America/New_York', 'Australia/Lord_Howe', 'UTC'];

/** Dates from 2015 to 2030: Sao Paulo still had DST until 2019, Auckland, London and New York all years. */
const dateArb = fc.integer({ min: 0, max: 15 * 366 }).map((n) => addDays('2015-01-01', n));
const cadenceArb: fc.Arbitrary<Cadence> = fc.oneof(
  fc.constant({ kind: 'daily' as const }),
  fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }).map((days) => ({ kind: 'weekly' as const, days })),
  fc.integer({ min: 1, max: 30 }).map((days) => ({ kind: 'every' as const, days })),
  fc.integer({ min: 0, max: 120 }).map((n) => ({ kind: 'once' as const, by: addDays('2015-01-01', n) })),
);
const scheduleArb: fc.Arbitrary<CadenceSchedule> = fc
  .record({ cadence: cadenceArb, startDate: dateArb, timeZone: fc.constantFrom(...ZONES) })
  .map((s) => (s.cadence.kind === 'once' ? { ...s, cadence: { kind: 'once' as const, by: addDays(s.startDate, daysBetween('2015-01-01', s.cadence.by)) } } : s));
/** An instant near the start date (a few months either side), at any millisecond. */
const instantNear = (schedule: CadenceSchedule) => fc.integer({ min: -40 * 86_400_000, max: 200 * 86_400_000 }).map((offset) => startOfDay(schedule.startDate, schedule.timeZone) + offset);

const RUNS = 300;

describe('period properties across zones and DST', () => {
  it('every instant is in exactly the period currentPeriod names, and in no other', () => {
    fc.assert(
      fc.property(scheduleArb.chain((schedule) => fc.tuple(fc.constant(schedule), instantNear(schedule))), ([schedule, instant]) => {
        const today = localDate(instant, schedule.timeZone);
        const around = periodsBetween(schedule, addDays(today, -40), addDays(today, 40));
        const containing = around.filter((period) => {
          const { startsAt, endsAt } = periodInstants(period, schedule.timeZone);
          return startsAt.getTime() <= instant && instant < endsAt.getTime();
        });
        const current = currentPeriod(schedule, instant);
        expect(containing.length).toBeLessThanOrEqual(1);
        expect(containing[0] ?? null).toEqual(current);
        // And "none" only where the rules say so.
        const expectNone =
          today < schedule.startDate ||
          (schedule.cadence.kind === 'weekly' && !schedule.cadence.days.includes(weekdayOf(today))) ||
          (schedule.cadence.kind === 'once' && today > schedule.cadence.by);
        expect(current === null).toBe(expectNone);
        if (current) {
          expect(hasPeriodEnded(current, schedule.timeZone, instant)).toBe(false);
          expect(hasPeriodEnded(current, schedule.timeZone, periodInstants(current, schedule.timeZone).endsAt)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('periods never overlap, in calendar days or in instants', () => {
    fc.assert(
      fc.property(scheduleArb, fc.integer({ min: 0, max: 400 }), (schedule, span) => {
        const periods = periodsBetween(schedule, schedule.startDate, addDays(schedule.startDate, span));
        for (const period of periods) expect(period.start < period.end).toBe(true);
        for (let i = 1; i < periods.length; i++) {
          const previous = periods[i - 1]!;
          const next = periods[i]!;
          expect(previous.end <= next.start).toBe(true);
          expect(periodInstants(previous, schedule.timeZone).endsAt.getTime()).toBeLessThanOrEqual(periodInstants(next, schedule.timeZone).startsAt.getTime());
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('daily periods are consecutive calendar days, whatever the day’s length', () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom(...ZONES), fc.integer({ min: 1, max: 120 }), (startDate, timeZone, span) => {
        const schedule: CadenceSchedule = { cadence: { kind: 'daily' }, startDate, timeZone };
        const periods = periodsBetween(schedule, startDate, addDays(startDate, span));
        expect(periods).toHaveLength(span);
        periods.forEach((period, i) => {
          expect(period.start).toBe(addDays(startDate, i));
          expect(period.end).toBe(addDays(period.start, 1));
          const { startsAt, endsAt } = periodInstants(period, timeZone);
          // The day starts on that date and the instant before it was the day before.
          expect(localDate(startsAt, timeZone)).toBe(period.start);
          expect(localDate(startsAt.getTime() - 1, timeZone)).toBe(addDays(period.start, -1));
          const length = (endsAt.getTime() - startsAt.getTime()) / 3_600_000;
          expect(length).toBeGreaterThanOrEqual(23);
          expect(length).toBeLessThanOrEqual(25);
          if (i > 0) expect(periodInstants(periods[i - 1]!, timeZone).endsAt.getTime()).toBe(startsAt.getTime());
        });
      }),
      { numRuns: 150 },
    );
  });

  it('covers DST days: across a year each DST zone has both a short and a long day', () => {
    for (const timeZone of ['Pacific/Auckland', 'Europe/London', 'America/New_York']) {
      const lengths = new Set(
        periodsBetween({ cadence: { kind: 'daily' }, startDate: '2024-01-01', timeZone }, '2024-01-01', '2025-01-01').map((p) => {
          const { startsAt, endsAt } = periodInstants(p, timeZone);
          return (endsAt.getTime() - startsAt.getTime()) / 3_600_000;
        }),
      );
      expect([...lengths].sort()).toEqual([23, 24, 25]);
    }
  });

  it('this week is Monday to Sunday in the zone, contains the instant, and its due periods overlap it', () => {
    fc.assert(
      fc.property(scheduleArb.chain((schedule) => fc.tuple(fc.constant(schedule), instantNear(schedule))), ([schedule, instant]) => {
        const week = weekContaining(instant, schedule.timeZone);
        const today = localDate(instant, schedule.timeZone);
        expect(weekdayOf(week.start)).toBe(1);
        expect(daysBetween(week.start, week.end)).toBe(7);
        expect(week.start <= today && today < week.end).toBe(true);
        const due = periodsDueThisWeek(schedule, instant);
        for (const period of due) expect(period.start < week.end && period.end > week.start).toBe(true);
        const current = currentPeriod(schedule, instant);
        if (current) expect(due).toContainEqual(current);
      }),
      { numRuns: RUNS },
    );
  });
});
