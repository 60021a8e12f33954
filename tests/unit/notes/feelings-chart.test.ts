import { describe, expect, it } from 'vitest';
import { buildFeelingsChart, chartWeeks, weekStart } from '../../../server/domain/notes/feelings-chart';
import { FEELING_FAMILIES } from '../../../server/domain/feelings/feelings-vocabulary';

describe('feelings chart', () => {
  const now = new Date('2026-11-25T10:00:00Z'); // a Wednesday

  it('weeks start on Monday (UTC) and end with the current week', () => {
    expect(weekStart(now).toISOString().slice(0, 10)).toBe('2026-11-23');
    expect(weekStart(new Date('2026-11-23T00:00:00Z')).toISOString().slice(0, 10)).toBe('2026-11-23');
    expect(weekStart(new Date('2026-11-22T23:59:00Z')).toISOString().slice(0, 10)).toBe('2026-11-16');
    expect(chartWeeks(now, 3).map((w) => w.start)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
  });

  it('sums intensities per person, week and family, in vocabulary order, and ignores older weeks', () => {
    const chart = buildFeelingsChart(
      [
        { authorId: 'a', at: new Date('2026-11-24T09:00:00Z'), family: 'love', intensity: 2 },
        { authorId: 'a', at: new Date('2026-11-24T09:00:00Z'), family: 'hurt', intensity: 5 },
        { authorId: 'a', at: new Date('2026-11-25T09:00:00Z'), family: 'hurt', intensity: 1 },
        { authorId: 'b', at: new Date('2026-11-17T09:00:00Z'), family: 'own', intensity: 3 },
        { authorId: 'a', at: new Date('2026-01-01T09:00:00Z'), family: 'hurt', intensity: 5 },
      ],
      ['a', 'b'],
      FEELING_FAMILIES,
      now,
      3,
    );
    const [a, b] = chart.people;
    expect(a!.weeks[2]).toEqual([
      { family: 'hurt', weight: 6, count: 2 },
      { family: 'love', weight: 2, count: 1 },
    ]);
    expect(a!.weeks[0]).toEqual([]);
    expect(a!.maxWeight).toBe(8);
    expect(a!.total).toBe(8);
    expect(b!.weeks[1]).toEqual([{ family: 'own', weight: 3, count: 1 }]);
  });
});
