import { describe, expect, it } from 'vitest';
import type { UpdateRow, WriteBatch } from '../../../server/documents/document-store';
import { PersistenceScheduler, type DocumentBatch, type PersistenceSource } from '../../../server/documents/persistence-scheduler';

const timing = { debounceMs: 20, maxWaitMs: 60, coalesceMs: 5, minCycleIntervalMs: 10, retryBaseMs: 10, retryMaxMs: 40, snapshotsPerCycle: 2 };

/** A document that produces numbered updates and remembers what was written. */
class FakeDocument implements PersistenceSource {
  unwritten: UpdateRow[] = [];
  written: number[] = [];
  dropped = 0;
  private seq = 0;
  constructor(readonly documentId: string) {}
  edit(): void {
    this.unwritten.push({ documentId: this.documentId, seq: ++this.seq, update: Uint8Array.from([this.seq % 256]), authorId: null });
  }
  snapshotsTaken = 0;
  takeBatch(snapshotAllowed: boolean): DocumentBatch | null {
    if (this.unwritten.length === 0) return null;
    const updates = this.unwritten;
    this.unwritten = [];
    const snapshot = snapshotAllowed ? { documentId: this.documentId, seq: updates.at(-1)!.seq, state: new Uint8Array(1) } : null;
    if (snapshot) this.snapshotsTaken++;
    return { documentId: this.documentId, updates, appliedAt: updates.map(() => Date.now()), snapshot, clients: [{ documentId: this.documentId, clientId: updates[0]!.seq, userId: null }] };
  }
  batchWritten(batch: DocumentBatch) {
    this.written.push(...batch.updates.map((row) => row.seq));
  }
  batchFailed(batch: DocumentBatch) {
    this.unwritten = batch.updates.concat(this.unwritten);
  }
  batchDropped(batch: DocumentBatch) {
    this.dropped += batch.updates.length;
  }
  async reconcileWithLog() {}
  hasUnwritten() {
    return this.unwritten.length > 0;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PersistenceScheduler', () => {
  it('writes after a quiet moment, but never later than the maximum wait while edits keep coming', async () => {
    const writes: Array<{ at: number; rows: number }> = [];
    const started = Date.now();
    const scheduler = new PersistenceScheduler(async (batch) => void writes.push({ at: Date.now() - started, rows: batch.updates.length }), timing, () => {});
    const doc = new FakeDocument('a');
    for (let i = 0; i < 20; i++) {
      doc.edit();
      scheduler.markDirty(doc);
      await sleep(10); // faster than the debounce: only the maximum wait forces a write
    }
    await scheduler.flush(doc);
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(writes[0]!.at).toBeLessThan(timing.maxWaitMs + 40);
    expect(doc.written).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    scheduler.stop();
  });

  it('writes many documents in one transaction, and each document in seq order', async () => {
    const batches: WriteBatch[] = [];
    const scheduler = new PersistenceScheduler(async (batch) => void batches.push(batch), timing, () => {});
    const docs = Array.from({ length: 50 }, (_, i) => new FakeDocument(`d${i}`));
    for (const doc of docs) {
      doc.edit();
      doc.edit();
      scheduler.markDirty(doc);
    }
    await scheduler.flushAll();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.updates).toHaveLength(100);
    // Each document's client bindings travel in the same write as its updates.
    expect(batches[0]!.clients.map((row) => row.documentId).sort()).toEqual(docs.map((doc) => doc.documentId).sort());
    // Documents due together do not all snapshot in the same cycle.
    expect(batches[0]!.snapshots).toHaveLength(timing.snapshotsPerCycle);
    scheduler.stop();
  });

  it('keeps updates and retries when the database fails, then writes them in order; flush waits for it', async () => {
    let failuresLeft = 3;
    const logs: string[] = [];
    const scheduler = new PersistenceScheduler(
      async () => {
        if (failuresLeft-- > 0) throw new Error('connection refused');
      },
      timing,
      (line) => logs.push(line),
    );
    const doc = new FakeDocument('a');
    doc.edit();
    doc.edit();
    scheduler.markDirty(doc);
    await sleep(30);
    doc.edit();
    scheduler.markDirty(doc);
    await scheduler.flush(doc);
    expect(doc.written).toEqual([1, 2, 3]);
    expect(logs.filter((line) => line.includes('connection refused'))).toHaveLength(3);
    expect(logs[0]).toMatch(/kept in memory/);
    scheduler.stop();
  });

  it('one failing document does not hold back the others', async () => {
    const scheduler = new PersistenceScheduler(
      async (batch) => {
        if (batch.updates.some((row) => row.documentId === 'bad')) throw new Error('bad row');
      },
      { ...timing, retryBaseMs: 1000, retryMaxMs: 1000 },
      () => {},
    );
    const good = new FakeDocument('good');
    const bad = new FakeDocument('bad');
    good.edit();
    bad.edit();
    scheduler.markDirty(good);
    scheduler.markDirty(bad);
    await scheduler.flush(good);
    expect(good.written).toEqual([1]);
    expect(bad.written).toEqual([]);
    expect(bad.unwritten).toHaveLength(1);
    scheduler.forget('bad');
    scheduler.stop();
  });

  it('discards the updates of a document that no longer exists (foreign key), and says so', async () => {
    const logs: string[] = [];
    const scheduler = new PersistenceScheduler(
      async () => {
        throw Object.assign(new Error('violates foreign key constraint'), { code: '23503' });
      },
      timing,
      (line) => logs.push(line),
    );
    const doc = new FakeDocument('gone');
    doc.edit();
    scheduler.markDirty(doc);
    await scheduler.flush(doc);
    expect(doc.dropped).toBe(1);
    expect(logs[0]).toMatch(/no longer exists/);
    scheduler.stop();
  });
});
