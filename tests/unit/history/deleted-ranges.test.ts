import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deleterOf, firstRangeEndingAfter, indexDeleters } from '../../../server/domain/history/deleted-ranges';
import type { Attribution } from '../../../server/domain/history/diff-states';

/** The plain reading of "who deleted this character": the latest deletion in log order that covers it. */
function deleterByScan(attribution: Attribution, client: number, clock: number): string | null {
  for (let i = attribution.deletions.length - 1; i >= 0; i--) {
    const range = attribution.deletions[i]!;
    if (range.client === client && clock >= range.clock && clock < range.clock + range.length) return range.authorId;
  }
  return null;
}

const deletion = fc.record({
  client: fc.integer({ min: 1, max: 3 }),
  clock: fc.integer({ min: 0, max: 200 }),
  length: fc.integer({ min: 1, max: 40 }),
  authorId: fc.constantFrom('alex', 'sam', null),
});

describe('deleted ranges', () => {
  it('names the same deleter as scanning every deletion, overlapping and repeated deletions included', () => {
    fc.assert(
      fc.property(fc.array(deletion, { maxLength: 60 }), (deletions) => {
        const attribution: Attribution = { clientAuthors: new Map(), deletions };
        const index = indexDeleters(attribution);
        for (let client = 0; client <= 3; client++) {
          for (let clock = 0; clock <= 250; clock++) {
            expect(deleterOf(index, client, clock)).toBe(deleterByScan(attribution, client, clock));
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a later deletion of the same characters wins over an earlier one', () => {
    const index = indexDeleters({
      clientAuthors: new Map(),
      deletions: [
        { client: 7, clock: 0, length: 10, authorId: 'alex' },
        { client: 7, clock: 4, length: 2, authorId: 'sam' },
      ],
    });
    expect([3, 4, 5, 6].map((clock) => deleterOf(index, 7, clock))).toEqual(['alex', 'sam', 'sam', 'alex']);
    expect(deleterOf(index, 7, 10)).toBeNull();
  });

  it('finds the first of sorted, disjoint ranges that reaches past a clock', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 30 }), fc.integer({ min: 0, max: 300 }), (steps, clock) => {
        // Disjoint ranges with gaps: each step is a gap then a range of the same length.
        let at = 0;
        const ranges = steps.map((step) => {
          const range = { clock: at + step, len: step };
          at = range.clock + range.len;
          return range;
        });
        const expected = ranges.findIndex((range) => range.clock + range.len > clock);
        expect(firstRangeEndingAfter(ranges, clock)).toBe(expected === -1 ? ranges.length : expected);
      }),
    );
  });
});
