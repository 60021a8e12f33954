/**
 * The per-document log's bookkeeping with several writers: record numbers and "stored through" for
 * the other instances, the unstored records a peer would take over, seqs that follow the database's
 * numbering, and snapshots from memory only while the document in memory is exactly the log.
 */
import { describe, expect, it } from 'vitest';
import type { Executor } from '../../../server/db/database';
import { DocumentLog, type DocumentLogOwner } from '../../../server/documents/document-log';
import type { WriteBatch } from '../../../server/documents/document-store';
import { PersistenceScheduler } from '../../../server/documents/persistence-scheduler';
import {
  decodePeerMessage,
  decodePeerReply,
  decodePeerRequest,
  encodePeerMessage,
  encodePeerReply,
  encodePeerRequest,
  type PeerReply,
} from '../../../server/realtime/yjs/peer-messages';

const timing = { debounceMs: 1, maxWaitMs: 5, coalesceMs: 1, minCycleIntervalMs: 1, retryBaseMs: 5, retryMaxMs: 10, snapshotsPerCycle: 5 };
const noDatabase = {} as Executor;

function owner(): DocumentLogOwner & { storedThrough: number[]; snapshots: number } {
  return {
    storedThrough: [],
    snapshots: 0,
    encodeState() {
      this.snapshots++;
      return Uint8Array.from([1, 2, 3]);
    },
    applyStored() {},
    compacted() {},
    dropped() {},
    stored(through: number) {
      this.storedThrough.push(through);
    },
  };
}

describe('DocumentLog with several writers', () => {
  it('numbers records, says how far it has stored, and follows the seqs the database gave', async () => {
    const writes: WriteBatch[] = [];
    let othersAppended = 0;
    // The shared writer: renumbers the rows after what another instance appended meanwhile.
    const scheduler = new PersistenceScheduler(async (batch) => {
      let seq = batch.updates[0]!.seq - 1 + othersAppended;
      for (const row of batch.updates) row.seq = ++seq;
      if (othersAppended > 0) batch.snapshots.length = 0;
      writes.push({ ...batch, updates: batch.updates.map((row) => ({ ...row })) });
    }, timing, () => {});
    const log = new DocumentLog('doc', { lastSeq: 10, snapshotSeq: 10 }, { db: noDatabase, scheduler, snapshotEvery: 2, log: () => {} });
    const o = owner();
    log.attach(o);

    expect(log.record(Uint8Array.from([1]), 'alex')).toBe(1);
    expect(log.record(Uint8Array.from([2]), 'alex')).toBe(2);
    expect(log.unstored().map((r) => [r.record, r.authorId])).toEqual([
      [1, 'alex'],
      [2, 'alex'],
    ]);
    await log.flush();
    expect(writes[0]!.updates.map((row) => row.seq)).toEqual([11, 12]);
    // Sole writer so far: the snapshot came from memory, after seq 12.
    expect(writes[0]!.snapshots.map((s) => s.seq)).toEqual([12]);
    expect(o.storedThrough).toEqual([2]);
    expect(log.storedThrough).toBe(2);
    expect(log.unstored()).toEqual([]);

    // Another instance appended three rows: ours follow them, and the next ones follow ours.
    othersAppended = 3;
    log.record(Uint8Array.from([3]), 'sam');
    await log.flush();
    expect(writes[1]!.updates.map((row) => row.seq)).toEqual([16]);
    othersAppended = 0;
    log.record(Uint8Array.from([4]), 'sam');
    log.record(Uint8Array.from([5]), 'sam');
    const snapshotsBefore = o.snapshots;
    scheduler.stop();
    // No more snapshots from memory once the log is not the document's only writer.
    const batch = log.takeBatch(true)!;
    expect(batch.updates.map((row) => row.seq)).toEqual([17, 18]);
    expect(batch.snapshot).toBeNull();
    expect(o.snapshots).toBe(snapshotsBefore);
  });

  it('takes no snapshot from memory once another instance’s update was applied', () => {
    const scheduler = new PersistenceScheduler(async () => {}, timing, () => {});
    const log = new DocumentLog('doc', { lastSeq: 0, snapshotSeq: 0 }, { db: noDatabase, scheduler, snapshotEvery: 1 });
    log.attach(owner());
    log.foreignApplied();
    log.record(Uint8Array.from([1]), 'alex');
    expect(log.takeBatch(true)!.snapshot).toBeNull();
    scheduler.stop();
  });
});

describe('peer messages', () => {
  it('round-trip, and anything malformed decodes to null', () => {
    const update = Uint8Array.from([0, 1, 2, 250]);
    for (const message of [
      { kind: 'update', record: 7, authorId: 'a', update },
      { kind: 'update', record: 1, authorId: null, update },
      { kind: 'stored-update', authorId: null, update },
      { kind: 'awareness', update },
      { kind: 'stored-through', record: 9 },
      { kind: 'adopted', origin: 'instance-1', record: 4 },
    ] as const) {
      expect(decodePeerMessage(encodePeerMessage(message))).toEqual(message);
    }
    for (const request of [{ kind: 'state', stateVector: update }, { kind: 'alive' }] as const) expect(decodePeerRequest(encodePeerRequest(request))).toEqual(request);
    const reply: PeerReply = { kind: 'state', instanceId: 'i', missing: update, unstored: [{ record: 3, authorId: 'b', update }] };
    expect(decodePeerReply(encodePeerReply(reply))).toEqual(reply);
    expect(decodePeerMessage(Uint8Array.from([99]))).toBeNull();
    expect(decodePeerMessage(Uint8Array.from([4]))).toBeNull();
    expect(decodePeerMessage(new Uint8Array([...encodePeerMessage({ kind: 'stored-through', record: 1 }), 0]))).toBeNull();
    expect(decodePeerReply(Uint8Array.from([]))).toBeNull();
  });
});
