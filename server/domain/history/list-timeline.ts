/**
 * One page of an agreement's timeline, newest first: edit sessions with their author and how much
 * they added and removed, with restorations labelled. It reads the log backwards in bounded batches
 * of metadata (no update bytes), and only the bytes of the sessions on the page, so a history of any
 * length costs about the same per page.
 */
import { and, asc, desc, eq, gte, lt, lte } from 'drizzle-orm';
import { agreementChangeRequests, agreementRestorations, agreementSignatures, agreementVersions, documentUpdates } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { groupEditSessions, type EditSession, type UpdateMeta } from './group-edit-sessions';
import { measureUpdate, type UpdateSize } from './measure-update';

const META_BATCH = 2000;

export interface TimelineSession extends EditSession {
  added: number;
  removed: number;
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

  const sizes = await readUpdateSizes(db, documentId, oldest.firstSeq, page[0]!.lastSeq);
  return {
    sessions: page.map((session) => {
      let added = 0;
      let removed = 0;
      for (let seq = session.firstSeq; seq <= session.lastSeq; seq++) {
        const size = sizes.get(seq);
        if (size) {
          added += size.added;
          removed += size.removed;
        }
      }
      return { ...session, added, removed };
    }),
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
 * How much each update added and removed. Log rows never change, so a size once measured is kept
 * (per document, on globalThis so Next's module instances share it); only unmeasured rows are read.
 */
const SIZES_KEY = Symbol.for('mend.history.update-sizes');
const MAX_SIZED_DOCUMENTS = 64;

async function readUpdateSizes(db: Executor, documentId: string, fromSeq: number, toSeq: number): Promise<Map<number, UpdateSize>> {
  const holder = globalThis as { [SIZES_KEY]?: Map<string, Map<number, UpdateSize>> };
  const all = (holder[SIZES_KEY] ??= new Map());
  const known = all.get(documentId) ?? new Map<number, UpdateSize>();
  all.delete(documentId);
  all.set(documentId, known);
  if (all.size > MAX_SIZED_DOCUMENTS) all.delete(all.keys().next().value as string);
  let first = fromSeq;
  while (first <= toSeq && known.has(first)) first++;
  let last = toSeq;
  while (last >= first && known.has(last)) last--;
  if (first <= last) {
    const rows = await db
      .select({ seq: documentUpdates.seq, update: documentUpdates.update })
      .from(documentUpdates)
      .where(and(eq(documentUpdates.documentId, documentId), gte(documentUpdates.seq, first), lte(documentUpdates.seq, last)))
      .orderBy(asc(documentUpdates.seq));
    for (const row of rows) if (!known.has(row.seq)) known.set(row.seq, measureUpdate(row.update));
  }
  return known;
}
