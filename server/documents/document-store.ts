/**
 * Durable storage of collaborative documents: an append-only log of Yjs updates (document_updates,
 * one row per update the server applied, with its authenticated author) and compacted snapshots
 * (document_snapshots: the full state after update `seq`). A document's state is its latest
 * snapshot plus every update after it. Rows are never rewritten; the history feature reads the same
 * tables through loadDocumentState and listDocumentUpdates.
 */
import { and, asc, desc, eq, gt, lte, max, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { documentSnapshots, documentUpdates } from '../../drizzle/schema';
import type { Executor } from '../db/database';
import { lockDocumentLogs } from './shared-log-writer';

export interface UpdateRow {
  documentId: string;
  seq: number;
  update: Uint8Array;
  authorId: string | null;
}

export interface SnapshotRow {
  documentId: string;
  /** The last update seq included in `state`. */
  seq: number;
  state: Uint8Array;
}

/** Yjs client id `clientId` of a document is bound to the person who first wrote with it (null: Mend itself). */
export interface ClientBindingRow {
  documentId: string;
  clientId: number;
  userId: string | null;
}

export interface WriteBatch {
  updates: UpdateRow[];
  snapshots: SnapshotRow[];
  /** Client ids first used by the updates of this batch: stored with them, all or nothing. */
  clients: ClientBindingRow[];
}

export interface LoadedDocument {
  doc: Y.Doc;
  /** Seq of the last update applied (0 for a document never edited). */
  lastSeq: number;
  /** Updates applied on top of the snapshot: how soon the next snapshot is due. */
  updatesSinceSnapshot: number;
}

/**
 * Builds the document from its latest snapshot and the tail of the log (optionally as it was after
 * update `upToSeq`, for history). Throws on any database or decoding error: a caller must never
 * mistake a failed load for an empty document.
 */
export async function loadDocument(db: Executor, documentId: string, options: { upToSeq?: number; gc?: boolean } = {}): Promise<LoadedDocument> {
  const snapshotWhere =
    options.upToSeq === undefined
      ? eq(documentSnapshots.documentId, documentId)
      : and(eq(documentSnapshots.documentId, documentId), lte(documentSnapshots.seq, options.upToSeq));
  const [snapshot] = await db
    .select({ seq: documentSnapshots.seq, state: documentSnapshots.state })
    .from(documentSnapshots)
    .where(snapshotWhere)
    .orderBy(desc(documentSnapshots.seq))
    .limit(1);
  const fromSeq = snapshot?.seq ?? 0;
  const tailWhere =
    options.upToSeq === undefined
      ? and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.seq, fromSeq))
      : and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.seq, fromSeq), lte(documentUpdates.seq, options.upToSeq));
  const tail = await db
    .select({ seq: documentUpdates.seq, update: documentUpdates.update })
    .from(documentUpdates)
    .where(tailWhere)
    .orderBy(asc(documentUpdates.seq));
  const doc = new Y.Doc({ gc: options.gc ?? true });
  Y.transact(doc, () => {
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    for (const row of tail) Y.applyUpdate(doc, row.update);
  });
  return { doc, lastSeq: tail.at(-1)?.seq ?? fromSeq, updatesSinceSnapshot: tail.length };
}

/** The document's state as one Yjs update (latest snapshot + tail), optionally as of update `upToSeq`. */
export async function loadDocumentState(db: Executor, documentId: string, options: { upToSeq?: number } = {}): Promise<{ state: Uint8Array; lastSeq: number }> {
  const loaded = await loadDocument(db, documentId, { upToSeq: options.upToSeq });
  try {
    return { state: Y.encodeStateAsUpdate(loaded.doc), lastSeq: loaded.lastSeq };
  } finally {
    loaded.doc.destroy();
  }
}

/** A page of the update log in seq order, for history. */
export async function listDocumentUpdates(
  db: Executor,
  documentId: string,
  options: { afterSeq?: number; limit?: number } = {},
): Promise<Array<{ seq: number; update: Uint8Array; authorId: string | null; createdAt: Date }>> {
  return db
    .select({ seq: documentUpdates.seq, update: documentUpdates.update, authorId: documentUpdates.authorId, createdAt: documentUpdates.createdAt })
    .from(documentUpdates)
    .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.seq, options.afterSeq ?? 0)))
    .orderBy(asc(documentUpdates.seq))
    .limit(Math.min(Math.max(options.limit ?? 1000, 1), 10_000));
}

export async function readLastSeq(db: Executor, documentId: string): Promise<number> {
  const [row] = await db.select({ last: max(documentUpdates.seq) }).from(documentUpdates).where(eq(documentUpdates.documentId, documentId));
  return Number(row?.last ?? 0);
}

// Rows per INSERT: a bound on one statement's size (its four parameters grow with it).
const ROWS_PER_INSERT = 5000;

/**
 * Writes update rows (of any number of documents) and snapshots in one transaction: all or nothing.
 * The update rows are one INSERT of four array parameters: this runs for every batch of keystrokes,
 * and building it must cost next to nothing.
 */
export async function writeBatch(db: Executor, batch: WriteBatch): Promise<void> {
  if (batch.updates.length === 0 && batch.snapshots.length === 0 && batch.clients.length === 0) return;
  // One statement is atomic by itself: the common case skips BEGIN/COMMIT round trips.
  if (batch.snapshots.length === 0 && batch.updates.length <= ROWS_PER_INSERT && batch.clients.length <= CLIENTS_PER_INSERT) {
    await insertUpdates(db, batch.updates, batch.clients);
    return;
  }
  await db.transaction(async (tx) => {
    for (let start = 0; start < batch.clients.length; start += CLIENTS_PER_INSERT) {
      await insertUpdates(tx, [], batch.clients.slice(start, start + CLIENTS_PER_INSERT));
    }
    for (let start = 0; start < batch.updates.length; start += ROWS_PER_INSERT) {
      await insertUpdates(tx, batch.updates.slice(start, start + ROWS_PER_INSERT), []);
    }
    if (batch.snapshots.length > 0) await tx.insert(documentSnapshots).values(batch.snapshots).onConflictDoNothing();
  });
}

// Bindings are rare (a client's first update in a document); a batch rarely has more than two.
const CLIENTS_PER_INSERT = 1000;

/**
 * Update rows and client bindings in one statement (a data-modifying WITH), so a binding is stored
 * exactly when the first update written with that client id is. A binding already there (another
 * writer bound it first) is left as it is.
 */
export async function insertUpdates(db: Executor, rows: UpdateRow[], clients: ClientBindingRow[]): Promise<void> {
  if (rows.length === 0 && clients.length === 0) return;
  const bindings =
    clients.length === 0
      ? null
      : sql`insert into document_clients (document_id, client_id, user_id) values ${sql.join(
          clients.map((c) => sql`(${c.documentId}::uuid, ${c.clientId}::bigint, ${c.userId}::uuid)`),
          sql`, `,
        )} on conflict do nothing`;
  if (rows.length === 0) {
    await db.execute(bindings!);
    return;
  }
  // Four text parameters whatever the number of rows, split and decoded by the database: building a
  // parameter (and its SQL fragment) per value cost the event loop more than the database's work.
  const documentIds = rows.map((row) => row.documentId).join(',');
  const seqs = rows.map((row) => row.seq).join(',');
  const updates = rows.map((row) => Buffer.from(row.update.buffer, row.update.byteOffset, row.update.byteLength).toString('hex')).join(',');
  const authors = rows.map((row) => row.authorId ?? '').join(',');
  const insert = sql`insert into document_updates (document_id, seq, update, author_id)
    select d::uuid, s::bigint, decode(u, 'hex'), nullif(a, '')::uuid
    from unnest(string_to_array(${documentIds}::text, ','), string_to_array(${seqs}::text, ','), string_to_array(${updates}::text, ','), string_to_array(${authors}::text, ',')) as r(d, s, u, a)`;
  await db.execute(bindings ? sql`with bound as (${bindings}) ${insert}` : insert);
}

/**
 * Appends one update after the last row, for a document that is not loaded in this process. Seq is
 * allocated from the table itself, under the document's advisory lock (shared-log-writer.ts), so
 * another instance appending to the same log at the same moment waits rather than collides.
 */
export async function appendUpdateAtEnd(
  db: Executor,
  documentId: string,
  update: Uint8Array,
  authorId: string | null,
  clients: ClientBindingRow[] = [],
): Promise<number> {
  return db.transaction(async (tx) => {
    await lockDocumentLogs(tx, [documentId]);
    const seq = (await readLastSeq(tx, documentId)) + 1;
    await insertUpdates(tx, [{ documentId, seq, update, authorId }], clients);
    return seq;
  });
}

/** True when `error` says the document row is gone (foreign key violation): its updates have nowhere to go. */
export function isMissingDocument(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown };
    if (candidate.code === '23503') return true;
    current = candidate.cause;
  }
  return false;
}
