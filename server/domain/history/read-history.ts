/**
 * Database reads behind the history views: the state after any update, the difference between two
 * points, and the people who wrote them. A Yjs state (for a restore, or a caller that needs a Y.Doc)
 * is the nearest snapshot at or before the point plus the tail of the log after it, never a replay
 * of the whole log. What the views read (a past state's blocks, a diff) comes from the document's
 * history index (attribution-index.ts), which has the whole log in one document and reads any point
 * of it without fetching or applying anything.
 */
import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';
import * as Y from 'yjs';
import { documentSnapshots, documentUpdates, spaceMembers, users } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { loadDocumentState, readLastSeq } from '../../documents/document-store';
import { colourForSeat } from '../spaces/member-colour';
import { readHistoryIndex } from './attribution-index';
import { diffReading, diffStates, type StateDiff } from './diff-states';
import { readBlocks, type Block } from './document-blocks';

export { readLastSeq };

/** The updates whose application in order gives the state after update `seq` (0: before any edit). */
export async function readStatePieces(db: Executor, documentId: string, seq: number): Promise<Uint8Array[]> {
  const [snapshot] = await db
    .select({ seq: documentSnapshots.seq, state: documentSnapshots.state })
    .from(documentSnapshots)
    .where(and(eq(documentSnapshots.documentId, documentId), lte(documentSnapshots.seq, seq)))
    .orderBy(desc(documentSnapshots.seq))
    .limit(1);
  const tail = await db
    .select({ update: documentUpdates.update })
    .from(documentUpdates)
    .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.seq, snapshot?.seq ?? 0), lte(documentUpdates.seq, seq)))
    .orderBy(asc(documentUpdates.seq));
  return snapshot ? [snapshot.state, ...tail.map((row) => row.update)] : tail.map((row) => row.update);
}

export function docFromPieces(pieces: readonly Uint8Array[], options: { gc?: boolean } = {}): Y.Doc {
  const doc = new Y.Doc({ gc: options.gc ?? true });
  Y.transact(doc, () => {
    for (const piece of pieces) Y.applyUpdate(doc, piece);
  });
  return doc;
}

/** The document as it was after update `seq`. The caller destroys it. */
export async function readDocAt(db: Executor, documentId: string, seq: number): Promise<Y.Doc> {
  return docFromPieces(await readStatePieces(db, documentId, seq));
}

/** The full Yjs state after update `seq`, as one update. */
export async function readStateAt(db: Executor, documentId: string, seq: number): Promise<Uint8Array> {
  const doc = await readDocAt(db, documentId, seq);
  try {
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

export async function readCurrentState(db: Executor, documentId: string): Promise<{ state: Uint8Array; lastSeq: number }> {
  return loadDocumentState(db, documentId);
}

/** Compares two points of the log (in either order: the earlier one is always the "before"). */
export async function diffPoints(db: Executor, documentId: string, a: number, b: number): Promise<StateDiff & { fromSeq: number; toSeq: number }> {
  const fromSeq = Math.min(a, b);
  const toSeq = Math.max(a, b);
  const index = await readHistoryIndex(db, documentId);
  if (toSeq <= index.scannedSeq) return { ...diffReading(index.doc, index.between(fromSeq, toSeq), index.attribution(fromSeq, toSeq)), fromSeq, toSeq };
  // Past what the index could learn (an update committed out of order is not visible yet): both states from the log.
  const [earlier, later] = await Promise.all([readStatePieces(db, documentId, fromSeq), readStatePieces(db, documentId, toSeq)]);
  return { ...diffStates(earlier, later, index.attribution(fromSeq, toSeq)), fromSeq, toSeq };
}

/** The blocks of the document as it was after update `seq`. */
export async function readBlocksAt(db: Executor, documentId: string, seq: number): Promise<Block[]> {
  const index = await readHistoryIndex(db, documentId);
  if (seq <= index.scannedSeq) return readBlocks(index.doc, index.at(seq));
  const doc = await readDocAt(db, documentId, seq);
  try {
    return readBlocks(doc);
  } finally {
    doc.destroy();
  }
}

export interface HistoryPerson {
  userId: string;
  name: string;
  colour: string;
}

/** The people who may appear in a space's history, by id, with their seat colour. Former members keep their name, in grey. */
export async function readHistoryPeople(db: Executor, spaceId: string, extraIds: Iterable<string | null> = []): Promise<Map<string, HistoryPerson>> {
  const members = await db
    .select({ userId: spaceMembers.userId, seat: spaceMembers.seat, name: users.name })
    .from(spaceMembers)
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .where(eq(spaceMembers.spaceId, spaceId));
  const people = new Map<string, HistoryPerson>(members.map((m) => [m.userId, { userId: m.userId, name: m.name, colour: colourForSeat(m.seat) }]));
  for (const id of new Set(extraIds)) {
    if (!id || people.has(id)) continue;
    const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, id)).limit(1);
    people.set(id, { userId: id, name: user?.name ?? 'A former member', colour: '#4b5563' });
  }
  return people;
}
