/**
 * When document changes become durable. Each loaded document's log (a PersistenceSource: DocumentLog) reports that it
 * has unwritten updates; the scheduler writes them after a quiet moment (debounce) but never later
 * than a maximum wait after the first unwritten change, and at once when asked to flush (last
 * connection left, shutdown).
 *
 * Writes run one cycle at a time, and a cycle writes every due document in one transaction: per
 * document that is serialisation for free (a document is never written by two cycles at once, so
 * its rows go in seq order), and across documents it is group commit (one round trip for hundreds
 * of documents instead of hundreds). When a cycle fails, each document is retried alone so one bad
 * document cannot hold back the others; a failing document keeps its updates in memory and is
 * retried with backoff, logged every time, until the database takes them.
 */
import { isUniqueViolation } from '../db/database';
import { isMissingDocument, type ClientBindingRow, type SnapshotRow, type UpdateRow, type WriteBatch } from './document-store';

export interface DocumentBatch {
  documentId: string;
  updates: UpdateRow[];
  /** When each update was applied in memory (ms since epoch), to measure persistence lag. */
  appliedAt: number[];
  snapshot: SnapshotRow | null;
  /** Client ids first used by these updates, stored with them. */
  clients: ClientBindingRow[];
}

export interface PersistenceSource {
  readonly documentId: string;
  /**
   * Everything not yet written, in seq order, plus a snapshot when one is due and `snapshotAllowed`;
   * null when nothing is pending.
   */
  takeBatch(snapshotAllowed: boolean): DocumentBatch | null;
  batchWritten(batch: DocumentBatch): void;
  /** The write failed: take the rows back, ahead of anything newer. */
  batchFailed(batch: DocumentBatch): void;
  /** The document row is gone (deleted for good): its updates have nowhere to go. */
  batchDropped(batch: DocumentBatch): void;
  /** Another writer took some of our seqs: catch up with the log and renumber what is unwritten. */
  reconcileWithLog(): Promise<void>;
  hasUnwritten(): boolean;
}

export interface PersistenceTiming {
  debounceMs: number;
  maxWaitMs: number;
  /** Documents due within this much of the first one are written in the same cycle. */
  coalesceMs: number;
  /**
   * Cycles start at least this far apart (group commit). Every transaction has a fixed cost (on
   * embedded PGlite about 5 ms of blocked event loop), so under steady typing fewer, larger cycles
   * keep the rooms responsive; the added wait is at most this long.
   */
  minCycleIntervalMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /**
   * Snapshots written per cycle at most. Documents opened together reach their snapshot threshold
   * together; encoding and writing hundreds of full states in one cycle would stall every room.
   * A document over budget simply snapshots in a later cycle.
   */
  snapshotsPerCycle: number;
}

export const defaultPersistenceTiming: PersistenceTiming = {
  debounceMs: 50,
  maxWaitMs: 250,
  coalesceMs: 30,
  minCycleIntervalMs: 100,
  retryBaseMs: 250,
  retryMaxMs: 5000,
  snapshotsPerCycle: 16,
};

export interface PersistenceObserver {
  /** Called after each successful write with the lag (ms) of every update in it. */
  persisted?(lagsMs: number[]): void;
}

interface Entry {
  source: PersistenceSource;
  firstAt: number;
  lastAt: number;
  retryAt: number;
  failures: number;
  urgent: boolean;
  waiters: Array<() => void>;
}

export class PersistenceScheduler {
  private readonly entries = new Map<string, Entry>();
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private lastCycleAt = -Infinity;
  private stopped = false;

  constructor(
    private readonly write: (batch: WriteBatch) => Promise<void>,
    private readonly timing: PersistenceTiming = defaultPersistenceTiming,
    private readonly log: (line: string) => void = console.error,
    private readonly observer: PersistenceObserver = {},
  ) {}

  /** The source has new unwritten updates. Cheap: it is called for every update. */
  markDirty(source: PersistenceSource, now = Date.now()): void {
    let entry = this.entries.get(source.documentId);
    if (!entry) {
      entry = { source, firstAt: now, lastAt: now, retryAt: 0, failures: 0, urgent: false, waiters: [] };
      this.entries.set(source.documentId, entry);
    }
    entry.lastAt = now;
    this.schedule(this.dueAt(entry));
  }

  /** Resolves once everything the source has now (and anything added meanwhile) is durable. Retries until it is. */
  flush(source: PersistenceSource): Promise<void> {
    let entry = this.entries.get(source.documentId);
    if (!entry) {
      if (!source.hasUnwritten()) return Promise.resolve();
      const now = Date.now();
      entry = { source, firstAt: now, lastAt: now, retryAt: 0, failures: 0, urgent: false, waiters: [] };
      this.entries.set(source.documentId, entry);
    }
    entry.urgent = true;
    const done = new Promise<void>((resolve) => entry.waiters.push(resolve));
    this.schedule(this.dueAt(entry));
    return done;
  }

  async flushAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => this.flush(entry.source)));
  }

  /** Forget a document without writing (it was deleted for good). Waiters are released. */
  forget(documentId: string): void {
    const entry = this.entries.get(documentId);
    if (!entry) return;
    this.entries.delete(documentId);
    for (const resolve of entry.waiters) resolve();
  }

  /** Stop timers (after a final flush); anything still unwritten is reported by the caller. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get unwrittenDocuments(): number {
    return this.entries.size;
  }

  private dueAt(entry: Entry): number {
    const due = entry.urgent ? 0 : Math.min(entry.lastAt + this.timing.debounceMs, entry.firstAt + this.timing.maxWaitMs);
    return Math.max(due, entry.retryAt);
  }

  private schedule(dueAt: number): void {
    const at = Math.max(dueAt, this.lastCycleAt + this.timing.minCycleIntervalMs);
    if (this.stopped || this.running || at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.running = this.runCycle().finally(() => {
        this.running = null;
        this.scheduleNext();
      });
    }, Math.max(0, at - Date.now()));
  }

  private scheduleNext(): void {
    let next = Infinity;
    for (const entry of this.entries.values()) next = Math.min(next, this.dueAt(entry));
    if (next !== Infinity) this.schedule(next);
  }

  private async runCycle(): Promise<void> {
    const now = Date.now();
    this.lastCycleAt = now;
    const work: Array<{ entry: Entry; batch: DocumentBatch }> = [];
    let snapshotBudget = this.timing.snapshotsPerCycle;
    for (const entry of [...this.entries.values()]) {
      if (this.dueAt(entry) > now + this.timing.coalesceMs) continue;
      const batch = entry.source.takeBatch(snapshotBudget > 0);
      if (batch?.snapshot) snapshotBudget--;
      if (batch) work.push({ entry, batch });
      else this.settle(entry);
    }
    if (work.length === 0) return;
    try {
      await this.write(toWriteBatch(work.map((w) => w.batch)));
      for (const { entry, batch } of work) this.succeeded(entry, batch);
      return;
    } catch (error) {
      if (work.length === 1) {
        await this.failed(work[0]!.entry, work[0]!.batch, error);
        return;
      }
    }
    for (const { entry, batch } of work) {
      try {
        await this.write(toWriteBatch([batch]));
        this.succeeded(entry, batch);
      } catch (error) {
        await this.failed(entry, batch, error);
      }
    }
  }

  private succeeded(entry: Entry, batch: DocumentBatch): void {
    entry.source.batchWritten(batch);
    if (this.observer.persisted) {
      const now = Date.now();
      this.observer.persisted(batch.appliedAt.map((at) => now - at));
    }
    entry.failures = 0;
    entry.retryAt = 0;
    this.settle(entry);
  }

  /** Done with this entry if nothing new arrived; otherwise it stays, due by its own timing. */
  private settle(entry: Entry): void {
    if (entry.source.hasUnwritten()) {
      entry.firstAt = Date.now();
      return;
    }
    if (this.entries.get(entry.source.documentId) === entry) this.entries.delete(entry.source.documentId);
    for (const resolve of entry.waiters) resolve();
    entry.waiters = [];
  }

  private async failed(entry: Entry, batch: DocumentBatch, error: unknown): Promise<void> {
    const id = entry.source.documentId;
    if (isMissingDocument(error)) {
      this.log(`realtime: document ${id} no longer exists; its ${batch.updates.length} unwritten updates are discarded with it`);
      entry.source.batchDropped(batch);
      this.forget(id);
      return;
    }
    entry.source.batchFailed(batch);
    if (isUniqueViolation(error)) {
      this.log(`realtime: document ${id} was written by another writer; catching up before writing again`);
      try {
        await entry.source.reconcileWithLog();
        return;
      } catch (reconcileError) {
        error = reconcileError;
      }
    }
    entry.failures += 1;
    const delay = Math.min(this.timing.retryMaxMs, this.timing.retryBaseMs * 2 ** (entry.failures - 1));
    entry.retryAt = Date.now() + delay;
    this.log(
      `realtime: saving document ${id} failed (attempt ${entry.failures}; ${batch.updates.length} updates kept in memory, retrying in ${delay} ms): ${(error as Error)?.message ?? error}`,
    );
  }
}

function toWriteBatch(batches: DocumentBatch[]): WriteBatch {
  const updates: UpdateRow[] = [];
  const snapshots: SnapshotRow[] = [];
  const clients: ClientBindingRow[] = [];
  for (const batch of batches) {
    for (const row of batch.updates) updates.push(row);
    if (batch.snapshot) snapshots.push(batch.snapshot);
    for (const row of batch.clients) clients.push(row);
  }
  return { updates, snapshots, clients };
}
