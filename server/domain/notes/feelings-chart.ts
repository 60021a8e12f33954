/**
 * The weekly feelings chart, as data: for each person, for each of the last N weeks (Monday to
 * Sunday, UTC), how strongly each feeling family was named in their notes. A feeling counts its
 * intensity (1-5), so one "overwhelmingly hurt" weighs more than one "a little hurt".
 * Pure: which notes go in (shared only, or a person's own drafts too) is the caller's decision.
 */
export interface ChartFeeling {
  authorId: string;
  /** When the note was shared (or written, for the viewer's own drafts). */
  at: Date;
  family: string;
  intensity: number;
}

export interface ChartWeek {
  /** Monday, YYYY-MM-DD */
  start: string;
}

export interface ChartSegment {
  family: string;
  weight: number;
  count: number;
}

export interface PersonChart {
  authorId: string;
  /** One entry per week, segments in a stable family order. */
  weeks: ChartSegment[][];
  maxWeight: number;
  total: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function weekStart(date: Date): Date {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const daysSinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - daysSinceMonday * DAY_MS);
}

export function chartWeeks(now: Date, count: number): ChartWeek[] {
  const last = weekStart(now).getTime();
  return Array.from({ length: count }, (_, i) => ({ start: new Date(last - (count - 1 - i) * 7 * DAY_MS).toISOString().slice(0, 10) }));
}

export function buildFeelingsChart(feelings: ChartFeeling[], authorIds: string[], familyOrder: readonly string[], now: Date, weekCount = 8): { weeks: ChartWeek[]; people: PersonChart[] } {
  const weeks = chartWeeks(now, weekCount);
  const index = new Map(weeks.map((w, i) => [w.start, i]));
  const people = authorIds.map((authorId): PersonChart => {
    const buckets = weeks.map(() => new Map<string, ChartSegment>());
    for (const f of feelings) {
      if (f.authorId !== authorId) continue;
      const i = index.get(weekStart(f.at).toISOString().slice(0, 10));
      if (i === undefined) continue;
      const segment = buckets[i]!.get(f.family) ?? { family: f.family, weight: 0, count: 0 };
      segment.weight += Math.min(5, Math.max(1, f.intensity));
      segment.count += 1;
      buckets[i]!.set(f.family, segment);
    }
    const rank = (family: string) => {
      const at = familyOrder.indexOf(family);
      return at === -1 ? familyOrder.length : at;
    };
    const weekSegments = buckets.map((bucket) => [...bucket.values()].sort((a, b) => rank(a.family) - rank(b.family) || a.family.localeCompare(b.family)));
    const weights = weekSegments.map((segments) => segments.reduce((sum, s) => sum + s.weight, 0));
    return { authorId, weeks: weekSegments, maxWeight: Math.max(0, ...weights), total: weights.reduce((a, b) => a + b, 0) };
  });
  return { weeks, people };
}
