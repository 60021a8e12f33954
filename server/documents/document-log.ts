/**
 * The update log of one loaded document, as the process sees it: which seq numbers are taken, the
 * updates applied in memory but not written yet (with their authors and the client ids they bound),
 * when a snapshot is due, and catching up when another writer appended to the same log. The
 * persistence scheduler writes logs; it knows nothing of rooms or connections.
 *
 * The room that owns the document calls the log (record, bind, flush, discard) and never the other
 * way round; the log reaches back only through the narrow DocumentLogOwner (the state for a
 * snapshot, another writer's stored updates to apply, the size after a snapshot, how far it has
 * stored).
 *
 * Seq numbers given at record time are provisional. With one process they are final (its scheduler
 * is the only writer). With several instances (shared-log-writer.ts) the database numbers each
 * batch after whatever the others appended, and this log follows.
 *
 * Snapshots: a snapshot taken from the document in memory is the state "after seq N" only while the
 * document in memory is exactly the log: loaded from it, changed only by what this log recorded,
 * nobody else appending. Once another instance's updates were applied here, or another writer
 * appended, that no longer holds, and snapshots are built from the log itself (compaction: the
 * stored rows up to N, which are final under the lock), never from memory.
 */
import type { Executor } from '../db/database';
import { listDocumentUpdates, type ClientBindingRow, type UpdateRow } from './document-store';
import type { DocumentBatch, PersistenceScheduler, PersistenceSource } from './persistence-scheduler';
import { compactLog } from './shared-log-writer';

export interface DocumentLogOwner {
  /** The document's full state now, as one update: a snapshot of everything recorded so far. */
  encodeState(): Uint8Array;
  /** An update another writer already stored: apply it in memory, do not record it again. */
  applyStored(update: Uint8Array): void;
  /** A snapshot was written: the stored state is now `stateBytes` plus `unwrittenBytes` not yet written. */
  compacted(stateBytes: number, unwrittenBytes: number): void;
  /** The document row is gone (deleted for good): nothing of it can be written any more. */
  dropped(): void;
  /** Every record up to number `through` (record() returned them) is stored now. */
  stored?(through: number): void;
}

/** An update recorded but not yet stored, with its record number (for peers that may have to take over). */
export interface UnstoredRecord {
  record: number;
  authorId: string | null;
  update: Uint8Array;
}

export interface DocumentLogDependencies {
  db: Executor;
  scheduler: PersistenceScheduler;
  /** A snapshot is written once this many updates have accumulated since the last one. */
  snapshotEvery: number;
  log?: (line: string) => void;
}

export class DocumentLog implements PersistenceSource {
  private unwritten: UpdateRow[] = [];
  private unwrittenAppliedAt: number[] = [];
  /** Client ids bound since the last write; they go out with the next batch of updates. */
  private unwrittenClients: ClientBindingRow[] = [];
  private nextSeq: number;
  private writtenSeq: number;
  private snapshotSeq: number;
  private owner: DocumentLogOwner | null = null;
  private closed = false;
  /** The document in memory is exactly the log (see the file comment): snapshots may come from memory. */
  private sole = true;
  /** Records stored so far; records are numbered 1, 2, … in the order they were recorded and stored in that order. */
  private storedCount = 0;
  /** The batch the scheduler is writing now, with the seq its first row had when taken. */
  private inFlight: { rows: UpdateRow[]; expectedFirstSeq: number } | null = null;
  private compacting = false;
  /** Every stored row up to this seq is in the document in memory (loaded, written here, or caught up). */
  private seenThrough: number;

  constructor(
    readonly documentId: string,
    /** Seq of the last stored update, and of the update the latest snapshot includes. */
    stored: { lastSeq: number; snapshotSeq: number },
    private readonly deps: DocumentLogDependencies,
  ) {
    this.nextSeq = stored.lastSeq + 1;
    this.writtenSeq = stored.lastSeq;
    this.seenThrough = stored.lastSeq;
    this.snapshotSeq = stored.snapshotSeq;
  }

  /** Set once by the room that owns the document, before anything is recorded. */
  attach(owner: DocumentLogOwner): void {
    this.owner = owner;
  }

  /** An update the document integrated, by `authorId` (null: Mend itself); written soon. Returns its record number. */
  record(update: Uint8Array, authorId: string | null): number {
    if (this.closed) return 0;
    this.unwritten.push({ documentId: this.documentId, seq: this.nextSeq++, update, authorId });
    this.unwrittenAppliedAt.push(Date.now());
    this.deps.scheduler.markDirty(this);
    return this.storedCount + (this.inFlight?.rows.length ?? 0) + this.unwritten.length;
  }

  /** Updates of another instance were applied to the document in memory: it is no longer exactly this log. */
  foreignApplied(): void {
    this.sole = false;
  }

  /** How many records are stored (every record up to this number is). */
  get storedThrough(): number {
    return this.storedCount;
  }

  /** Recorded but not stored yet, oldest first. */
  unstored(): UnstoredRecord[] {
    const rows = (this.inFlight?.rows ?? []).concat(this.unwritten);
    return rows.map((row, index) => ({ record: this.storedCount + index + 1, authorId: row.authorId, update: row.update }));
  }

  /** Client ids first used by `userId`: stored in the same statement as the next updates. */
  bind(rows: readonly ClientBindingRow[]): void {
    if (this.closed) return;
    for (const row of rows) this.unwrittenClients.push(row);
  }

  /** Resolves once everything recorded so far is durable (retrying until it is). */
  flush(): Promise<void> {
    return this.deps.scheduler.flush(this);
  }

  /** Forget everything unwritten WITHOUT storing it (the document was deleted for good). */
  discard(): void {
    this.closed = true;
    this.unwritten = [];
    this.unwrittenAppliedAt = [];
    this.unwrittenClients = [];
    this.deps.scheduler.forget(this.documentId);
  }

  /** Stop recording (the room unloaded after a flush, or shut down). */
  close(): void {
    this.closed = true;
  }

  get unwrittenBytes(): number {
    let sum = 0;
    for (const row of this.unwritten) sum += row.update.length;
    return sum;
  }

  // PersistenceSource: called by the scheduler

  hasUnwritten(): boolean {
    return this.unwritten.length > 0;
  }

  takeBatch(snapshotAllowed: boolean): DocumentBatch | null {
    if (this.unwritten.length === 0) return null;
    const updates = this.unwritten;
    const appliedAt = this.unwrittenAppliedAt;
    const clients = this.unwrittenClients;
    this.unwritten = [];
    this.unwrittenAppliedAt = [];
    this.unwrittenClients = [];
    this.inFlight = { rows: updates, expectedFirstSeq: updates[0]!.seq };
    const lastSeq = updates[updates.length - 1]!.seq;
    // Taken in the same synchronous step as the rows, so the state is exactly "after lastSeq".
    const snapshot =
      this.sole && snapshotAllowed && lastSeq - this.snapshotSeq >= this.deps.snapshotEvery && !this.closed && this.owner
        ? { documentId: this.documentId, seq: lastSeq, state: this.owner.encodeState() }
        : null;
    return { documentId: this.documentId, updates, appliedAt, snapshot, clients };
  }

  batchWritten(batch: DocumentBatch): void {
    // The shared writer numbers the rows in place after whatever others appended meanwhile.
    const renumbered = this.inFlight !== null && batch.updates[0]!.seq !== this.inFlight.expectedFirstSeq;
    if (this.seenThrough === batch.updates[0]!.seq - 1) this.seenThrough = batch.updates[batch.updates.length - 1]!.seq;
    this.inFlight = null;
    this.storedCount += batch.updates.length;
    this.writtenSeq = Math.max(this.writtenSeq, batch.updates[batch.updates.length - 1]!.seq);
    if (renumbered) {
      this.sole = false;
      let seq = this.writtenSeq;
      for (const row of this.unwritten) row.seq = ++seq;
      this.nextSeq = seq + 1;
    }
    if (batch.snapshot && !renumbered) {
      this.snapshotSeq = batch.snapshot.seq;
      this.owner?.compacted(batch.snapshot.state.length, this.unwrittenBytes);
    } else if (!this.sole && this.writtenSeq - this.snapshotSeq >= this.deps.snapshotEvery) {
      void this.compact(this.writtenSeq);
    }
    this.owner?.stored?.(this.storedCount);
  }

  /**
   * Applies every stored row this document in memory may not have seen (another instance stored it
   * while the bus lost its message, e.g. during a Redis outage). Rows already here change nothing.
   */
  async catchUpFromLog(): Promise<void> {
    for (let page = 0; page < 100 && !this.closed; page++) {
      const rows = await listDocumentUpdates(this.deps.db, this.documentId, { afterSeq: this.seenThrough, limit: 10_000 });
      if (rows.length === 0 || this.closed) return;
      for (const row of rows) this.owner?.applyStored(row.update);
      this.seenThrough = rows[rows.length - 1]!.seq;
      this.writtenSeq = Math.max(this.writtenSeq, this.seenThrough);
      if (rows.length < 10_000) return;
    }
  }

  /** A snapshot built from the stored log up to `upToSeq` (not from memory; see the file comment). */
  private async compact(upToSeq: number): Promise<void> {
    if (this.compacting) return;
    this.compacting = true;
    try {
      const size = await compactLog(this.deps.db, this.documentId, upToSeq);
      this.snapshotSeq = Math.max(this.snapshotSeq, upToSeq);
      this.owner?.compacted(size, this.unwrittenBytes);
    } catch (error) {
      // The next write tries again; the log itself is complete without the snapshot.
      (this.deps.log ?? console.error)(`realtime: compacting document ${this.documentId} failed: ${(error as Error)?.message ?? error}`);
    } finally {
      this.compacting = false;
    }
  }

  batchFailed(batch: DocumentBatch): void {
    this.inFlight = null;
    this.unwritten = batch.updates.concat(this.unwritten);
    this.unwrittenAppliedAt = batch.appliedAt.concat(this.unwrittenAppliedAt);
    this.unwrittenClients = batch.clients.concat(this.unwrittenClients);
  }

  batchDropped(): void {
    this.inFlight = null;
    this.discard();
    this.owner?.dropped();
  }

  /**
   * Another writer took some of our seqs: apply what it stored (everyone connected sees it; it is
   * not recorded again), drop what turns out to be ours already, and renumber the rest after it.
   */
  async reconcileWithLog(): Promise<void> {
    const rows = await listDocumentUpdates(this.deps.db, this.documentId, { afterSeq: this.writtenSeq, limit: 10_000 });
    if (rows.length === 0) return;
    const mine = new Map(this.unwritten.map((row) => [row.seq, row]));
    const alreadyWritten = new Set<UpdateRow>();
    for (const row of rows) {
      const own = mine.get(row.seq);
      if (own && Buffer.compare(Buffer.from(own.update), Buffer.from(row.update)) === 0) alreadyWritten.add(own);
      else this.owner?.applyStored(row.update);
    }
    this.sole = false;
    this.storedCount += alreadyWritten.size;
    const keptRows: UpdateRow[] = [];
    const keptAppliedAt: number[] = [];
    this.unwritten.forEach((row, index) => {
      if (alreadyWritten.has(row)) return;
      keptRows.push(row);
      keptAppliedAt.push(this.unwrittenAppliedAt[index]!);
    });
    this.writtenSeq = rows[rows.length - 1]!.seq;
    this.seenThrough = Math.max(this.seenThrough, this.writtenSeq);
    let seq = this.writtenSeq + 1;
    for (const row of keptRows) row.seq = seq++;
    this.nextSeq = seq;
    this.unwritten = keptRows;
    this.unwrittenAppliedAt = keptAppliedAt;
  }
}
