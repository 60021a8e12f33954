/**
 * What changed between two texts, counted in words as a person reads them: "3 words added, 2
 * removed". Counting Yjs items instead says "+355 −404 characters" for a restore that changed six
 * words, because a restore re-inserts whole paragraphs. Here the texts are compared word by word
 * (a shortest edit script), so a paragraph put back as it was counts as nothing.
 */

export interface WordChange {
  added: number;
  removed: number;
}

/** The words of a text: runs of anything but whitespace, so "well," and "well" differ. */
export function splitWords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/**
 * Beyond this many differing words the exact count costs more than it is worth (a pasted or
 * replaced document); the count is then by word frequency, which is exact for additions and
 * removals and close for words that moved.
 */
const MAX_EXACT_EDITS = 500;

export function countWordChange(before: string | readonly string[], after: string | readonly string[]): WordChange {
  const a = typeof before === 'string' ? splitWords(before) : before;
  const b = typeof after === 'string' ? splitWords(after) : after;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return { added: m, removed: n };
  const distance = editDistance(a, start, endA, b, start, endB, MAX_EXACT_EDITS);
  if (distance === null) return countByFrequency(a.slice(start, endA), b.slice(start, endB));
  return { added: (distance + m - n) / 2, removed: (distance - m + n) / 2 };
}

/**
 * The number of insertions plus deletions that turn a[aStart..aEnd) into b[bStart..bEnd) (Myers'
 * O((N+M)D) greedy algorithm, lengths only), or null when it exceeds `limit`.
 */
function editDistance(a: readonly string[], aStart: number, aEnd: number, b: readonly string[], bStart: number, bEnd: number, limit: number): number | null {
  const n = aEnd - aStart;
  const m = bEnd - bStart;
  const max = Math.min(n + m, limit);
  const offset = max + 1;
  const furthest = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && furthest[offset + k - 1]! < furthest[offset + k + 1]!) ? furthest[offset + k + 1]! : furthest[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[aStart + x] === b[bStart + y]) {
        x++;
        y++;
      }
      furthest[offset + k] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return null;
}

function countByFrequency(a: readonly string[], b: readonly string[]): WordChange {
  const counts = new Map<string, number>();
  for (const word of a) counts.set(word, (counts.get(word) ?? 0) + 1);
  let added = 0;
  for (const word of b) {
    const left = counts.get(word) ?? 0;
    if (left > 0) counts.set(word, left - 1);
    else added++;
  }
  let removed = 0;
  for (const left of counts.values()) removed += left;
  return { added, removed };
}

/** "3 words added, 1 removed"; "1 word removed"; "No change to the words" (formatting, or a paragraph split). */
export function describeWordChange(change: WordChange): string {
  const words = (n: number) => `${n} word${n === 1 ? '' : 's'}`;
  if (change.added && change.removed) return `${words(change.added)} added, ${change.removed} removed`;
  if (change.added) return `${words(change.added)} added`;
  if (change.removed) return `${words(change.removed)} removed`;
  return 'No change to the words';
}
