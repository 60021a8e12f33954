import { and, desc, eq, inArray, isNotNull, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { noteFeelings, notes, users, type NoteStatus } from '../../../drizzle/schema';
import type { Database, Executor } from '../../db/database';
import { requireOwnSpace, type Viewer } from '../../access/authorization';
import type { Feeling } from '../feelings/feeling-input';
import type { NoteFilters } from './note-input';

/**
 * One line of the notes list. For the partner, a retracted note is only "a note was retracted":
 * `feelings` is empty and nothing else of its content is present.
 */
export interface NoteSummary {
  id: string;
  status: NoteStatus;
  mine: boolean;
  authorName: string;
  feelings: Feeling[];
  createdAt: Date;
  sharedAt: Date | null;
  retractedAt: Date | null;
  acknowledgedAt: Date | null;
  replyCount: number;
}

/**
 * The notes the viewer may see in their space, newest first: their own (drafts included) and the
 * partner's shared and retracted ones. A partner's draft matches no query here, not even a count.
 * Filtering by feeling never matches a partner's retracted note: that would reveal what it said.
 */
export async function listNotes(db: Database, viewer: Viewer, filters: NoteFilters = {}): Promise<NoteSummary[]> {
  const membership = await requireOwnSpace(db, viewer, 'read');
  const me = membership.userId;
  const conditions: SQL[] = [eq(notes.spaceId, membership.spaceId), or(eq(notes.authorId, me), ne(notes.status, 'draft'))!];
  if (filters.author === 'me') conditions.push(eq(notes.authorId, me));
  if (filters.author === 'partner') conditions.push(ne(notes.authorId, me));
  if (filters.acknowledged === 'yes') conditions.push(isNotNull(notes.acknowledgedAt));
  if (filters.acknowledged === 'no') conditions.push(isNull(notes.acknowledgedAt), ne(notes.status, 'retracted'));
  if (filters.feeling) {
    conditions.push(or(eq(notes.authorId, me), eq(notes.status, 'shared'))!);
    conditions.push(
      inArray(
        notes.id,
        db
          .select({ id: noteFeelings.noteId })
          .from(noteFeelings)
          .where(or(eq(noteFeelings.family, filters.feeling), sql`lower(${noteFeelings.word}) = lower(${filters.feeling})`)),
      ),
    );
  }
  const rows = await db
    .select({
      id: notes.id,
      status: notes.status,
      authorId: notes.authorId,
      authorName: users.name,
      createdAt: notes.createdAt,
      sharedAt: notes.sharedAt,
      retractedAt: notes.retractedAt,
      acknowledgedAt: notes.acknowledgedAt,
      replyCount: sql<number>`(select count(*)::int from note_replies r where r.note_id = ${notes.id})`,
    })
    .from(notes)
    .innerJoin(users, eq(users.id, notes.authorId))
    .where(and(...conditions))
    .orderBy(desc(sql`coalesce(${notes.sharedAt}, ${notes.createdAt})`), desc(notes.createdAt))
    .limit(200);
  const visible = rows.filter((row) => row.authorId === me || row.status === 'shared').map((row) => row.id);
  const feelingsByNote = await feelingsOf(db, visible);
  return rows.map((row) => {
    const mine = row.authorId === me;
    const redacted = !mine && row.status === 'retracted';
    return {
      id: row.id,
      status: row.status,
      mine,
      authorName: row.authorName,
      feelings: redacted ? [] : (feelingsByNote.get(row.id) ?? []),
      createdAt: row.createdAt,
      sharedAt: row.sharedAt,
      retractedAt: row.retractedAt,
      acknowledgedAt: redacted ? null : row.acknowledgedAt,
      replyCount: redacted ? 0 : Number(row.replyCount),
    };
  });
}

export async function feelingsOf(db: Executor, noteIds: string[]): Promise<Map<string, Feeling[]>> {
  const map = new Map<string, Feeling[]>();
  if (noteIds.length === 0) return map;
  const rows = await db.select().from(noteFeelings).where(inArray(noteFeelings.noteId, noteIds)).orderBy(noteFeelings.noteId, noteFeelings.position);
  for (const row of rows) {
    const list = map.get(row.noteId) ?? [];
    list.push({ family: row.family, word: row.word, ownWords: row.ownWords, intensity: row.intensity });
    map.set(row.noteId, list);
  }
  return map;
}
