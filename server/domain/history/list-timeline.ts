/**
 * One page of an agreement's timeline, newest first: edit sessions with their authors and how many
 * words they added and removed, with restorations labelled. It reads the log backwards in bounded
 * batches of metadata (no update bytes), and only the bytes of the sessions on the page, so a
 * history of any length costs about the same per page.
 */
import { and, asc, desc, eq, gt, gte, lt, lte } from 'drizzle-orm';
import * as Y from 'yjs';
import { agreementChangeRequests, agreementRestorations, agreementSignatures, agreementVersions, documentUpdates } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { blockText, readBlocks } from './document-blocks';
import { groupEditSessions, type EditSession, type UpdateMeta } from './group-edit-sessions';
import { docFromPieces, readStatePieces } from './read-history';
import { countWordChange, splitWords, type WordChange } from './word-change';

const META_BATCH = 2000;

export interface TimelineSession extends EditSession {
  /** Words added and removed between the text before the session's first edit and after its last. */
  words: WordChange;
}

export interface TimelinePage {
  sessions: TimelineSession[];
  /** Pass as `beforeSeq` for the next (older) page; null when this page reaches the first edit. */
  nextBeforeSeq: number | null;
}

export async function listTimeline(db: Executor, documentId: string, options: { beforeSeq?: number; limit?: number } = {}): Promise<TimelinePage> {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
  const breaks = await readVersionMoments(db, documentId);
  let upper = options.beforeSeq ?? Number.MAX_SAFE_INTEGER;
  let metas: UpdateMeta[] = [];
  let reachedStart = false;
  // A session can span more than one batch: keep reading until the oldest session on the page is
  // known to be complete (something older exists beyond it) or the log's start is reached.
  for (;;) {
    const rows = await db
      .select({ seq: documentUpdates.seq, authorId: documentUpdates.authorId, createdAt: documentUpdates.createdAt })
      .from(documentUpdates)
      .where(and(eq(documentUpdates.documentId, documentId), lt(documentUpdates.seq, upper)))
      .orderBy(desc(documentUpdates.seq))
      .limit(META_BATCH);
    metas = [...rows.reverse(), ...metas];
    if (rows.length < META_BATCH) {
      reachedStart = true;
      break;
    }
    upper = rows[0]!.seq;
    const sessions = groupEditSessions(metas, { breaks });
    if (sessions.length > limit) break;
  }
  if (metas.length === 0) return { sessions: [], nextBeforeSeq: null };

  const restorations = await db
    .select({ seq: agreementRestorations.seq, fromSeq: agreementRestorations.restoredFromSeq, fromVersion: agreementRestorations.restoredFromVersion })
    .from(agreementRestorations)
    .where(and(eq(agreementRestorations.documentId, documentId), gte(agreementRestorations.seq, metas[0]!.seq), lte(agreementRestorations.seq, metas.at(-1)!.seq)));
  const restoredAt = new Map(restorations.map((r) => [r.seq, r.fromVersion ? `version ${r.fromVersion}` : `the state after edit ${r.fromSeq}`]));
  for (const meta of metas) meta.restoredFrom = restoredAt.get(meta.seq) ?? null;

  let sessions = groupEditSessions(metas, { breaks });
  // Without the log's start in view, the oldest session may continue further back: leave it for the next page.
  if (!reachedStart && sessions.length > 1) sessions = sessions.slice(1);
  const page = sessions.slice(-limit).reverse();
  const oldest = page.at(-1)!;
  const hasOlder = !reachedStart || oldest.firstSeq > metas[0]!.seq;

  const words = await readSessionWords(db, documentId, page);
  return {
    sessions: page.map((session) => ({ ...session, words: words.get(sessionKey(session))! })),
    nextBeforeSeq: hasOlder ? oldest.firstSeq : null,
  };
}

/** Proposals, signatures and requests for changes: the moments an edit session must not span. */
async function readVersionMoments(db: Executor, documentId: string): Promise<Date[]> {
  const [proposed, signed, requested] = await Promise.all([
    db.select({ at: agreementVersions.proposedAt }).from(agreementVersions).where(eq(agreementVersions.documentId, documentId)),
    db.select({ at: agreementSignatures.signedAt }).from(agreementSignatures).where(eq(agreementSignatures.documentId, documentId)),
    db
      .select({ at: agreementChangeRequests.createdAt })
      .from(agreementChangeRequests)
      .innerJoin(agreementVersions, eq(agreementVersions.id, agreementChangeRequests.versionId))
      .where(eq(agreementVersions.documentId, documentId)),
  ]);
  return [...proposed, ...signed, ...requested].map((row) => row.at);
}

/**
 * How many words each session added and removed: the text before its first update against the
 * text after its last, compared word by word (what a person reads, so a restore that re-inserts
 * whole paragraphs counts only the words that differ). A session's stretch of the log never changes
 * once it is followed by another, so its count is kept (per document, on globalThis so Next's
 * module instances share it); only sessions not yet counted are read, from one state and the
 * updates after it. A key names two points of the log, so its count can never go stale.
 */
const WORDS_KEY = Symbol.for('mend.history.session-words');
const MAX_COUNTED_DOCUMENTS = 64;

function sessionKey(session: { firstSeq: number; lastSeq: number }): string {
  return `${session.firstSeq}-${session.lastSeq}`;
}

function wordsOf(doc: Y.Doc): string[] {
  return readBlocks(doc).flatMap((block) => splitWords(blockText(block)));
}

async function readSessionWords(db: Executor, documentId: string, sessions: readonly EditSession[]): Promise<Map<string, WordChange>> {
  const holder = globalThis as { [WORDS_KEY]?: Map<string, Map<string, WordChange>> };
  const all = (holder[WORDS_KEY] ??= new Map());
  const known = all.get(documentId) ?? new Map<string, WordChange>();
  all.delete(documentId);
  all.set(documentId, known);
  if (all.size > MAX_COUNTED_DOCUMENTS) all.delete(all.keys().next().value as string);
  const missing = sessions.filter((session) => !known.has(sessionKey(session)));
  if (missing.length === 0) return known;

  const from = Math.min(...missing.map((session) => session.firstSeq)) - 1;
  const to = Math.max(...missing.map((session) => session.lastSeq));
  const wanted = new Set(missing.flatMap((session) => [session.firstSeq - 1, session.lastSeq]));
  const texts = new Map<number, string[]>();
  const [pieces, rows] = await Promise.all([
    readStatePieces(db, documentId, from),
    db
      .select({ seq: documentUpdates.seq, update: documentUpdates.update })
      .from(documentUpdates)
      .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.seq, from), lte(documentUpdates.seq, to)))
      .orderBy(asc(documentUpdates.seq)),
  ]);
  const doc = docFromPieces(pieces);
  try {
    if (wanted.has(from)) texts.set(from, wordsOf(doc));
    for (const row of rows) {
      Y.applyUpdate(doc, row.update);
      if (wanted.has(row.seq)) texts.set(row.seq, wordsOf(doc));
    }
  } finally {
    doc.destroy();
  }
  for (const session of missing) {
    const before = texts.get(session.firstSeq - 1) ?? [];
    const after = texts.get(session.lastSeq) ?? before;
    known.set(sessionKey(session), countWordChange(before, after));
  }
  return known;
}
