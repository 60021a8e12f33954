/**
 * The difference between two points of an agreement's history, marked in the document itself and
 * attributed to people.
 *
 * Both points come from one linear update log, so the later state contains the earlier one. The
 * earlier state is loaded into a Y.Doc with gc off and the later state applied on top: deleted
 * items keep their text, and each item is classified by whether it existed (visible) at the earlier
 * point and still exists at the later one. This needs no gc-off copy on the server, unlike
 * Y.snapshot, and marks exactly what Yjs changed rather than what a text diff guesses.
 */
import * as Y from 'yjs';
import { deleterOf, firstRangeEndingAfter, indexDeleters, type DeleterIndex } from './deleted-ranges';
import { blockText, readBlocks, type Block, type ChangeStatus, type ItemClassifier, type Segment } from './document-blocks';

/** Who made which Yjs items, and who deleted which ranges, learnt from the updates between the two points. */
export interface Attribution {
  /** Yjs client id -> author of the updates that created that client's items. */
  clientAuthors: Map<number, string | null>;
  /** Ranges deleted by each update: the author is the update's author. */
  deletions: Array<{ client: number; clock: number; length: number; authorId: string | null }>;
}

export interface AttributedSegment {
  text: string;
  status: ChangeStatus;
  marks: Segment['marks'];
  authorId: string | null;
}

export interface DiffBlock extends Omit<Block, 'segments'> {
  segments: AttributedSegment[];
}

export interface AuthorChange {
  authorId: string | null;
  paragraphsAdded: number;
  paragraphsRemoved: number;
  wordsAdded: number;
  wordsRemoved: number;
}

export interface StateDiff {
  blocks: DiffBlock[];
  changes: AuthorChange[];
  changed: boolean;
}

export function emptyAttribution(): Attribution {
  return { clientAuthors: new Map(), deletions: [] };
}

/** Learns attribution from one logged update (call in seq order for the updates after the earlier point). */
export function addToAttribution(attribution: Attribution, update: Uint8Array, authorId: string | null): void {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (struct instanceof Y.Item && !attribution.clientAuthors.has(struct.id.client)) attribution.clientAuthors.set(struct.id.client, authorId);
  }
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) attribution.deletions.push({ client, clock: range.clock, length: range.len, authorId });
  }
}

/**
 * `earlier` and `later` are states of one document, `earlier` a point before `later` in its log:
 * each a full state, or the updates (snapshot + tail) that give it when applied in order.
 */
export function diffStates(earlier: Uint8Array | readonly Uint8Array[], later: Uint8Array | readonly Uint8Array[], attribution: Attribution): StateDiff {
  const doc = new Y.Doc({ gc: false });
  const apply = (state: Uint8Array | readonly Uint8Array[]) =>
    Y.transact(doc, () => {
      for (const piece of state instanceof Uint8Array ? [state] : state) Y.applyUpdate(doc, piece);
    });
  try {
    apply(earlier);
    const stateVector = Y.decodeStateVector(Y.encodeStateVector(doc));
    const deletedEarlier = Y.createDeleteSetFromStructStore(doc.store);
    apply(later);
    return diffReading(doc, classifierBetween(stateVector, deletedEarlier), attribution);
  } finally {
    doc.destroy();
  }
}

/** The diff that a classifier marks in a document: blocks attributed to people, and who changed what. */
export function diffReading(doc: Y.Doc, classifier: ItemClassifier, attribution: Attribution): StateDiff {
  const deleters = indexDeleters(attribution);
  const blocks = collapseUnchangedReplacements(readBlocks(doc, classifier).map((block) => attributeBlock(block, attribution, deleters)));
  const changes = summariseChanges(blocks);
  return { blocks, changes, changed: blocks.some((block) => block.status !== 'same' || block.segments.some((s) => s.status !== 'same')) };
}

function classifierBetween(stateVector: Map<number, number>, deletedEarlier: ReturnType<typeof Y.createDeleteSetFromStructStore>): ItemClassifier {
  const existedEarlier = (client: number, clock: number) => clock < (stateVector.get(client) ?? 0) && !Y.isDeleted(deletedEarlier, { client, clock } as Y.ID);
  const statusOf = (before: boolean, after: boolean): ChangeStatus | null => (before ? (after ? 'same' : 'removed') : after ? 'added' : null);
  return {
    element: (item) => statusOf(existedEarlier(item.id.client, item.id.clock), !item.deleted),
    text: (item) => {
      const { client, clock } = item.id;
      const cuts = new Set<number>([0, item.length]);
      const boundary = (stateVector.get(client) ?? 0) - clock;
      if (boundary > 0 && boundary < item.length) cuts.add(boundary);
      // The delete set's ranges are sorted and disjoint: only those overlapping this item can cut it,
      // found by binary search (scanning every range for every item made long diffs quadratic).
      const ranges = deletedEarlier.clients.get(client) ?? [];
      for (let i = firstRangeEndingAfter(ranges, clock); i < ranges.length && ranges[i]!.clock < clock + item.length; i++) {
        const range = ranges[i]!;
        for (const edge of [range.clock - clock, range.clock + range.len - clock]) if (edge > 0 && edge < item.length) cuts.add(edge);
      }
      const points = [...cuts].sort((a, b) => a - b);
      const pieces: Array<{ offset: number; length: number; status: ChangeStatus }> = [];
      for (let i = 0; i + 1 < points.length; i++) {
        const start = points[i] as number;
        const end = points[i + 1] as number;
        const status = statusOf(existedEarlier(client, clock + start), !item.deleted);
        if (status) pieces.push({ offset: start, length: end - start, status });
      }
      return pieces;
    },
  };
}

function attributeBlock(block: Block, attribution: Attribution, deleters: DeleterIndex): DiffBlock {
  const segments: AttributedSegment[] = [];
  for (const segment of block.segments) {
    const authorId =
      segment.status === 'added'
        ? (attribution.clientAuthors.get(segment.client) ?? null)
        : segment.status === 'removed'
          ? deleterOf(deleters, segment.client, segment.clock)
          : null;
    const last = segments[segments.length - 1];
    if (last && last.status === segment.status && last.authorId === authorId && sameMarks(last.marks, segment.marks)) last.text += segment.text;
    else segments.push({ text: segment.text, status: segment.status, marks: segment.marks, authorId });
  }
  return { ...block, segments };
}

/**
 * A block removed and an identical block added in the same stretch (a restore re-inserts a copy of
 * an old paragraph; a cut and paste moves one) reads as unchanged to a person: show it once, as is.
 */
function collapseUnchangedReplacements(blocks: DiffBlock[]): DiffBlock[] {
  const key = (block: DiffBlock) => JSON.stringify([block.kind, block.level, block.list, block.depth, block.quote, block.segments.map((s) => [s.text, s.marks])]);
  const out: DiffBlock[] = [];
  let start = 0;
  while (start < blocks.length) {
    if (blocks[start]!.status === 'same') {
      out.push(blocks[start++]!);
      continue;
    }
    let end = start;
    while (end < blocks.length && blocks[end]!.status !== 'same') end++;
    const run = blocks.slice(start, end);
    const removed = new Map<string, number[]>();
    run.forEach((block, i) => {
      if (block.status === 'removed') removed.set(key(block), [...(removed.get(key(block)) ?? []), i]);
    });
    const dropped = new Set<number>();
    const kept: DiffBlock[] = run.map((block) => {
      if (block.status !== 'added' || block.segments.some((s) => s.status !== 'added')) return block;
      const match = removed.get(key(block))?.find((i) => !dropped.has(i));
      if (match === undefined) return block;
      dropped.add(match);
      return { ...block, status: 'same', segments: block.segments.map((s) => ({ ...s, status: 'same' as const, authorId: null })) };
    });
    out.push(...kept.filter((_, i) => !dropped.has(i)));
    start = end;
  }
  return out;
}

function sameMarks(a: Segment['marks'], b: Segment['marks']): boolean {
  return a.length === b.length && a.every((mark, i) => mark.name === b[i]?.name && mark.href === b[i]?.href);
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Who added and removed what. A block added or removed whole counts as a paragraph; smaller changes count words. */
export function summariseChanges(blocks: DiffBlock[]): AuthorChange[] {
  const byAuthor = new Map<string | null, AuthorChange>();
  const entry = (authorId: string | null) => {
    let change = byAuthor.get(authorId);
    if (!change) {
      change = { authorId, paragraphsAdded: 0, paragraphsRemoved: 0, wordsAdded: 0, wordsRemoved: 0 };
      byAuthor.set(authorId, change);
    }
    return change;
  };
  for (const block of blocks) {
    if (block.status === 'added' || block.status === 'removed') {
      const authors = new Set(block.segments.map((segment) => segment.authorId));
      // An empty paragraph has no segments to attribute; it still counts, to nobody in particular.
      const owner = [...authors][0] ?? null;
      const change = entry(owner);
      if (block.status === 'added') change.paragraphsAdded++;
      else change.paragraphsRemoved++;
      continue;
    }
    for (const segment of block.segments) {
      if (segment.status === 'same') continue;
      const words = countWords(segment.text);
      if (!words) continue;
      const change = entry(segment.authorId);
      if (segment.status === 'added') change.wordsAdded += words;
      else change.wordsRemoved += words;
    }
  }
  return [...byAuthor.values()].filter((c) => c.paragraphsAdded + c.paragraphsRemoved + c.wordsAdded + c.wordsRemoved > 0);
}

/** "Sam added 2 paragraphs and 3 words, removed 1 paragraph". */
export function describeChange(name: string, change: AuthorChange): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const part = (paragraphs: number, words: number) =>
    [paragraphs ? plural(paragraphs, 'paragraph') : '', words ? plural(words, 'word') : ''].filter(Boolean).join(' and ');
  const added = part(change.paragraphsAdded, change.wordsAdded);
  const removed = part(change.paragraphsRemoved, change.wordsRemoved);
  const verbs = [added ? `added ${added}` : '', removed ? `removed ${removed}` : ''].filter(Boolean).join(', ');
  return `${name} ${verbs || 'made no visible change'}`;
}

