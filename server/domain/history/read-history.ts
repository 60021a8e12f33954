/**
 * Database reads behind the history views: the state after any update, the attribution of a range
 * of updates, and the people who wrote them. States are the nearest snapshot at or before the point
 * plus the tail of the log after it, never a replay of the whole log. The pieces are applied
 * straight into the document that needs them (a diff applies both points into one gc-off document),
 * rather than built into a state and encoded and decoded again.
 */
import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';
import * as Y from 'yjs';
import { documentSnapshots, documentUpdates, spaceMembers, users } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { loadDocumentState, readLastSeq } from '../../documents/document-store';
import { colourForSeat } from '../spaces/member-colour';
import { readAttribution } from './attribution-index';
import { diffStates, type StateDiff } from './diff-states';

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

/** Updates of a stretch: fewer than this are applied one by one instead of loading a snapshot. */
const SHORT_STRETCH = 300;

async function readUpdatesBetween(db: Executor, documentId: string, afterSeq: number, upToSeq: number): Promise<Uint8Array[]> {
  const rows = await db
    .select({ update: documentUpdates.update })
    .from(documentUpdates)
    .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.seq, afterSeq), lte(documentUpdates.seq, upToSeq)))
    .orderBy(asc(documentUpdates.seq));
  return rows.map((row) => row.update);
}

/** Compares two points of the log (in either order: the earlier one is always the "before"). */
export async function diffPoints(db: Executor, documentId: string, a: number, b: number): Promise<StateDiff & { fromSeq: number; toSeq: number }> {
  const fromSeq = Math.min(a, b);
  const toSeq = Math.max(a, b);
  const [earlier, later, attribution] = await Promise.all([
    readStatePieces(db, documentId, fromSeq),
    // Applied on top of the earlier state, a short stretch of updates is cheaper than decoding the
    // later point's whole snapshot (an edit session's "what changed" is usually a short stretch).
    toSeq - fromSeq <= SHORT_STRETCH ? readUpdatesBetween(db, documentId, fromSeq, toSeq) : readStatePieces(db, documentId, toSeq),
    readAttribution(db, documentId, fromSeq, toSeq),
  ]);
  return { ...diffStates(earlier, later, attribution), fromSeq, toSeq };
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
