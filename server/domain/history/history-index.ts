/**
 * One agreement's whole update log, learnt once and kept in memory, so that any point of its history
 * can be read, and any two points compared, without fetching and applying a snapshot each time.
 *
 * Every update is applied in log order into one Y.Doc with gc off, which therefore holds every item
 * ever written, deleted ones with their content. Each update is applied in its own transaction, and
 * the transaction tells exactly what that update did: the clock range of each Yjs client it added
 * (its state before and after) and the items it deleted. So for every character and element we know
 * the update that created it and the update that first deleted it. An item is part of the document
 * after update S when it was created at or before S and not deleted at or before S: reading the one
 * document with that rule gives the document as it was after S (what Yjs calls reading through a
 * snapshot), and comparing two such readings is the diff.
 *
 * Who wrote and who deleted what (the attribution a diff shows) is learnt from the same pass.
 */
import * as Y from 'yjs';
import type { Attribution } from './diff-states';
import type { ChangeStatus, ItemClassifier } from './document-blocks';

/** Disjoint clock ranges of one client, sorted by start, each with the seq of the update that did it. */
interface Runs {
  starts: number[];
  ends: number[];
  seqs: number[];
}

const NEVER = Number.POSITIVE_INFINITY;
const NO_PIECES: Array<{ offset: number; length: number; status: ChangeStatus }> = [];

function emptyRuns(): Runs {
  return { starts: [], ends: [], seqs: [] };
}

/** Index of the first run that ends after `clock` (runs.starts.length if none). */
function firstEndingAfter(runs: Runs, clock: number): number {
  let low = 0;
  let high = runs.starts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (runs.ends[mid]! <= clock) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Records [start, end) as done by `seq`. The ranges given never overlap earlier ones: an item is created once and deleted once. */
function addRun(runs: Runs, start: number, end: number, seq: number): void {
  const at = firstEndingAfter(runs, start);
  if (at === runs.starts.length) {
    runs.starts.push(start);
    runs.ends.push(end);
    runs.seqs.push(seq);
  } else {
    runs.starts.splice(at, 0, start);
    runs.ends.splice(at, 0, end);
    runs.seqs.splice(at, 0, seq);
  }
}

/** The seq that did `clock`, or NEVER. */
function seqAt(runs: Runs | undefined, clock: number): number {
  if (!runs) return NEVER;
  const i = firstEndingAfter(runs, clock);
  return i < runs.starts.length && runs.starts[i]! <= clock ? runs.seqs[i]! : NEVER;
}

/** The offsets inside [clock, clock + length) where the runs start or end. */
function addCuts(runs: Runs | undefined, clock: number, length: number, cuts: Set<number>): void {
  if (!runs) return;
  for (let i = firstEndingAfter(runs, clock); i < runs.starts.length && runs.starts[i]! < clock + length; i++) {
    const start = runs.starts[i]! - clock;
    const end = runs.ends[i]! - clock;
    if (start > 0) cuts.add(start);
    if (end < length) cuts.add(end);
  }
}

export class HistoryIndex {
  /** Every item ever written to the document, deleted ones included. */
  readonly doc = new Y.Doc({ gc: false });
  /** The last update learnt; the log is learnt without gaps. */
  scannedSeq = 0;
  /** Yjs client id -> author of the first update that created items with it. */
  readonly clientAuthors = new Map<number, string | null>();
  /** Every range each update asked to delete, with the update's author (a range can be asked twice). */
  readonly deletions: Array<{ seq: number; client: number; clock: number; length: number; authorId: string | null }> = [];
  private readonly created = new Map<number, Runs>();
  private readonly deleted = new Map<number, Runs>();

  /** Learns update `seq`; call with every update of the log, in seq order. */
  learn(seq: number, update: Uint8Array, authorId: string | null): void {
    if (seq !== this.scannedSeq + 1) throw new Error(`History index expected update ${this.scannedSeq + 1}, got ${seq}`);
    const { structs, ds } = Y.decodeUpdate(update);
    for (const struct of structs) {
      if (struct instanceof Y.Item && !this.clientAuthors.has(struct.id.client)) this.clientAuthors.set(struct.id.client, authorId);
    }
    for (const [client, ranges] of ds.clients) for (const range of ranges) this.deletions.push({ seq, client, clock: range.clock, length: range.len, authorId });

    // What the update actually changed, as Yjs integrated it (content it repeats, or that waits for
    // an earlier update, is counted where it really joined the document). Applying it can take more
    // than one transaction: Yjs tidies a text's formatting marks in a transaction of its own.
    const transactions: Y.Transaction[] = [];
    const capture = (done: Y.Transaction) => transactions.push(done);
    this.doc.on('afterTransaction', capture);
    try {
      Y.applyUpdate(this.doc, update);
    } finally {
      this.doc.off('afterTransaction', capture);
    }
    this.scannedSeq = seq;
    for (const done of transactions) {
      for (const [client, after] of done.afterState) {
        const before = done.beforeState.get(client) ?? 0;
        if (after > before) addRun(this.runsOf(this.created, client), before, after, seq);
      }
      for (const [client, ranges] of done.deleteSet.clients) {
        for (const range of ranges) addRun(this.runsOf(this.deleted, client), range.clock, range.clock + range.len, seq);
      }
    }
  }

  private runsOf(map: Map<number, Runs>, client: number): Runs {
    let runs = map.get(client);
    if (!runs) map.set(client, (runs = emptyRuns()));
    return runs;
  }

  /** Attribution for the updates after `fromSeq` up to `toSeq`. */
  attribution(fromSeq: number, toSeq: number): Attribution {
    return { clientAuthors: this.clientAuthors, deletions: this.deletions.filter((d) => d.seq > fromSeq && d.seq <= toSeq) };
  }

  /** Reads the document as it was after update `seq` (a block reader with this gives what a doc of that state gives). */
  at(seq: number): ItemClassifier {
    return this.between(seq, seq);
  }

  /**
   * Classifies every item against two points, `fromSeq` <= `toSeq`: same, added, removed, or at
   * neither. Marks and element attributes are read as they were at `toSeq`.
   */
  between(fromSeq: number, toSeq: number): ItemClassifier {
    // Items come in runs of one client: its runs are looked up once per run, not once per item.
    let client = Number.NaN;
    let created: Runs | undefined;
    let deleted: Runs | undefined;
    const runsOf = (id: Y.ID) => {
      if (id.client === client) return;
      client = id.client;
      created = this.created.get(client);
      deleted = this.deleted.get(client);
    };
    const statusOf = (createdSeq: number, deletedSeq: number): ChangeStatus | null => {
      const before = createdSeq <= fromSeq && deletedSeq > fromSeq;
      const after = createdSeq <= toSeq && deletedSeq > toSeq;
      return before ? (after ? 'same' : 'removed') : after ? 'added' : null;
    };
    const statusAt = (id: Y.ID) => {
      runsOf(id);
      return statusOf(seqAt(created, id.clock), seqAt(deleted, id.clock));
    };
    const visibleAtLater = (id: Y.ID) => {
      runsOf(id);
      return seqAt(created, id.clock) <= toSeq && seqAt(deleted, id.clock) > toSeq;
    };
    return {
      element: (item) => statusAt(item.id),
      text: (item) => {
        const { clock } = item.id;
        const { length } = item;
        runsOf(item.id);
        const end = clock + length;
        // Most items were made by one update and deleted, if at all, by one: one piece.
        const c = created ? firstEndingAfter(created, clock) : 0;
        const createdWhole = created !== undefined && c < created.starts.length && created.starts[c]! <= clock && created.ends[c]! >= end;
        if (createdWhole) {
          const d = deleted ? firstEndingAfter(deleted, clock) : 0;
          const untouched = !deleted || d >= deleted.starts.length || deleted.starts[d]! >= end;
          const deletedWhole = !untouched && deleted!.starts[d]! <= clock && deleted!.ends[d]! >= end;
          if (untouched || deletedWhole) {
            const status = statusOf(created!.seqs[c]!, untouched ? NEVER : deleted!.seqs[d]!);
            return status ? [{ offset: 0, length, status }] : NO_PIECES;
          }
        }
        const cuts = new Set<number>([0, length]);
        addCuts(created, clock, length, cuts);
        addCuts(deleted, clock, length, cuts);
        const points = [...cuts].sort((a, b) => a - b);
        const pieces: Array<{ offset: number; length: number; status: ChangeStatus }> = [];
        for (let i = 0; i + 1 < points.length; i++) {
          const start = points[i]!;
          const status = statusOf(seqAt(created, clock + start), seqAt(deleted, clock + start));
          if (!status) continue;
          const last = pieces[pieces.length - 1];
          // Neighbouring pieces of one status are one piece, except removed ones: each update's
          // deletion stays its own piece, so the diff can name who removed it.
          if (last && last.status === status && status !== 'removed' && last.offset + last.length === start) last.length += points[i + 1]! - start;
          else pieces.push({ offset: start, length: points[i + 1]! - start, status });
        }
        return pieces;
      },
      format: (item) => visibleAtLater(item.id),
      attribute: (element, name) => {
        // The newest value set at or before the point, if it was still set then (as Yjs reads a map through a snapshot).
        let entry: Y.Item | null = element._map.get(name) ?? null;
        while (entry && seqAt(this.created.get(entry.id.client), entry.id.clock) > toSeq) entry = entry.left;
        return entry && visibleAtLater(entry.id) ? entry.content.getContent()[entry.length - 1] : undefined;
      },
    };
  }

  destroy(): void {
    this.doc.destroy();
  }
}
