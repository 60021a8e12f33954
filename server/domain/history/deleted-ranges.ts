/**
 * Lookups over deleted ranges that a diff makes once per item or segment. A long diff classifies
 * thousands of items against thousands of deleted ranges; scanning every range each time made it
 * quadratic, so both lookups here are binary searches over sorted ranges.
 */
import type { Attribution } from './diff-states';

/** Index of the first of the sorted, disjoint ranges that ends after `clock` (ranges.length if none). */
export function firstRangeEndingAfter(ranges: ReadonlyArray<{ clock: number; len: number }>, clock: number): number {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const range = ranges[mid]!;
    if (range.clock + range.len <= clock) low = mid + 1;
    else high = mid;
  }
  return low;
}

interface DeletionRange {
  clock: number;
  end: number;
  /** Position in the log's order: a later deletion of the same characters wins. */
  order: number;
  authorId: string | null;
}

/** Per client, its deleted ranges sorted by start, with the furthest end reached so far at each index. */
export type DeleterIndex = Map<number, { ranges: DeletionRange[]; reach: number[] }>;

export function indexDeleters(attribution: Attribution): DeleterIndex {
  const byClient = new Map<number, DeletionRange[]>();
  attribution.deletions.forEach((d, order) => {
    let ranges = byClient.get(d.client);
    if (!ranges) byClient.set(d.client, (ranges = []));
    ranges.push({ clock: d.clock, end: d.clock + d.length, order, authorId: d.authorId });
  });
  const index: DeleterIndex = new Map();
  for (const [client, ranges] of byClient) {
    ranges.sort((a, b) => a.clock - b.clock || a.order - b.order);
    const reach: number[] = [];
    for (const range of ranges) reach.push(Math.max(range.end, reach[reach.length - 1] ?? 0));
    index.set(client, { ranges, reach });
  }
  return index;
}

export function deleterOf(index: DeleterIndex, client: number, clock: number): string | null {
  const entry = index.get(client);
  if (!entry) return null;
  const { ranges, reach } = entry;
  // The last range starting at or before `clock`; walking left, stop once no earlier range reaches it.
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ranges[mid]!.clock <= clock) low = mid + 1;
    else high = mid;
  }
  // The latest deletion wins: a range can be deleted twice by concurrent edits; either person did remove it.
  let best: DeletionRange | null = null;
  for (let i = low - 1; i >= 0 && reach[i]! > clock; i--) {
    const range = ranges[i]!;
    if (range.end > clock && (!best || range.order > best.order)) best = range;
  }
  return best ? best.authorId : null;
}

