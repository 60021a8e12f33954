/**
 * Database reads behind the history views: the state after any update, the attribution of a range
 * of updates, and the people who wrote them. States come from the realtime store's snapshot-aware
 * loader (nearest snapshot at or before the point + the tail), never from replaying the whole log.
 */
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { documentUpdates, spaceMembers, users } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { loadDocumentState, readLastSeq } from '../../realtime/yjs/document-store';
import { colourForSeat } from '../spaces/member-colour';
import { addToAttribution, diffStates, emptyAttribution, type StateDiff } from './diff-states';

export { readLastSeq };

/** The full Yjs state after update `seq` (0: before any edit). */
export async function readStateAt(db: Executor, documentId: string, seq: number): Promise<Uint8Array> {
  return (await loadDocumentState(db, documentId, { upToSeq: seq })).state;
}

export async function readCurrentState(db: Executor, documentId: string): Promise<{ state: Uint8Array; lastSeq: number }> {
  return loadDocumentState(db, documentId);
}

/** Compares two points of the log (in either order: the earlier one is always the "before"). */
export async function diffPoints(db: Executor, documentId: string, a: number, b: number): Promise<StateDiff & { fromSeq: number; toSeq: number }> {
  const fromSeq = Math.min(a, b);
  const toSeq = Math.max(a, b);
  const [earlier, later, range] = await Promise.all([
    readStateAt(db, documentId, fromSeq),
    readStateAt(db, documentId, toSeq),
    db
      .select({ update: documentUpdates.update, authorId: documentUpdates.authorId })
      .from(documentUpdates)
      .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.seq, fromSeq), lte(documentUpdates.seq, toSeq)))
      .orderBy(asc(documentUpdates.seq)),
  ]);
  const attribution = emptyAttribution();
  for (const row of range) addToAttribution(attribution, row.update, row.authorId);
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
