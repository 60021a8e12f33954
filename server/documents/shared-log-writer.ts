/**
 * Writing update logs that several instances append to (REDIS_URL set: every instance that has a
 * document loaded stores the updates its own clients sent). The seq of each row is decided in the
 * database, under a transaction-scoped advisory lock per document:
 *
 *   BEGIN; lock every document of the batch (in one order, so two writers never deadlock);
 *   read each document's last seq; number this batch's rows after it; insert; COMMIT.
 *
 * While the lock is held nobody else can append to that document, and every row below the last seq
 * read is committed, so the log stays gapless and no seq is taken twice; no writer ever has to
 * retry. The rows' seqs are set in place (the caller's log learns them), and each document's actual
 * base is returned. A snapshot in the batch describes the state after the rows as the caller
 * numbered them, so it is written only when nobody else appended in between (base as expected);
 * otherwise it is left out and the caller compacts from the log instead.
 *
 * One process (the default) does not need this: its scheduler is the only writer, and the plain
 * single-statement writeBatch keeps its speed.
 */
import { sql, type SQL } from 'drizzle-orm';
import { documentSnapshots } from '../../drizzle/schema';
import { queryRows, type Executor } from '../db/database';
import * as Y from 'yjs';
import { insertUpdates, loadDocument, type SnapshotRow, type UpdateRow, type WriteBatch } from './document-store';

/** Takes the advisory locks of these documents for the rest of the transaction `tx`, in one order. */
export async function lockDocumentLogs(tx: Executor, documentIds: readonly string[]): Promise<void> {
  if (documentIds.length === 0) return;
  const ids = sql.join(
    documentIds.map((id) => sql`(${id}::text)`),
    sql`, `,
  );
  await tx.execute(sql`select pg_advisory_xact_lock(k) from (select distinct hashtextextended(id, 7411) as k from (values ${ids}) as v(id)) s order by k`);
}

/** Each document's last seq (0 for none); call while holding their locks. */
export async function readLastSeqs(tx: Executor, documentIds: readonly string[]): Promise<Map<string, number>> {
  const last = new Map<string, number>(documentIds.map((id) => [id, 0]));
  if (documentIds.length === 0) return last;
  const list: SQL = sql.join(
    documentIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await queryRows<{ id: string; last: string | number | null }>(
    tx,
    sql`select document_id::text as id, max(seq) as last from document_updates where document_id in (${list}) group by document_id`,
  );
  for (const row of rows) last.set(row.id, Number(row.last ?? 0));
  return last;
}

export interface SharedWriteResult {
  /** Per document: the last seq the log had before this batch (its rows follow it). */
  bases: Map<string, number>;
  /** Documents whose snapshot was left out (someone else appended since the caller's numbering). */
  snapshotsSkipped: Set<string>;
}

const ROWS_PER_STATEMENT = 4000;

/** See the file comment. All or nothing. */
export async function writeBatchSharedLog(db: Executor, batch: WriteBatch): Promise<SharedWriteResult> {
  const rowsByDocument = new Map<string, UpdateRow[]>();
  for (const row of batch.updates) {
    let list = rowsByDocument.get(row.documentId);
    if (!list) rowsByDocument.set(row.documentId, (list = []));
    list.push(row);
  }
  const documentIds = [...new Set([...rowsByDocument.keys(), ...batch.snapshots.map((s) => s.documentId)])];
  const snapshotsSkipped = new Set<string>();
  let bases = new Map<string, number>();
  await db.transaction(async (tx) => {
    await lockDocumentLogs(tx, documentIds);
    bases = await readLastSeqs(tx, documentIds);
    const expectedBases = new Map<string, number>();
    for (const [documentId, rows] of rowsByDocument) {
      expectedBases.set(documentId, rows[0]!.seq - 1);
      let seq = bases.get(documentId)!;
      for (const row of rows) row.seq = ++seq;
    }
    const snapshots: SnapshotRow[] = [];
    for (const snapshot of batch.snapshots) {
      if (expectedBases.get(snapshot.documentId) === bases.get(snapshot.documentId)) snapshots.push(snapshot);
      else snapshotsSkipped.add(snapshot.documentId);
    }
    // Bounded statements (PostgreSQL takes at most 65,535 parameters); the bindings go with the first.
    for (let start = 0; start === 0 || start < batch.updates.length; start += ROWS_PER_STATEMENT) {
      await insertUpdates(tx, batch.updates.slice(start, start + ROWS_PER_STATEMENT), start === 0 ? batch.clients : []);
    }
    if (snapshots.length > 0) await tx.insert(documentSnapshots).values(snapshots).onConflictDoNothing();
  });
  return { bases, snapshotsSkipped };
}

/**
 * Writes the snapshot "after seq `upToSeq`" built from the stored log itself (latest snapshot and the
 * rows after it up to there), which is right whoever wrote those rows. Returns its size in bytes.
 */
export async function compactLog(db: Executor, documentId: string, upToSeq: number): Promise<number> {
  const loaded = await loadDocument(db, documentId, { upToSeq });
  let state: Uint8Array;
  try {
    state = Y.encodeStateAsUpdate(loaded.doc);
  } finally {
    loaded.doc.destroy();
  }
  // Rows up to upToSeq may still be arriving from a writer that has not committed yet: compact only what is there.
  await db.insert(documentSnapshots).values({ documentId, seq: loaded.lastSeq, state }).onConflictDoNothing();
  return state.length;
}
