/**
 * The history index of each agreement whose history is being looked at (history-index.ts): its
 * whole update log learnt once per process and kept in memory, extended as the log grows. Past
 * states, diffs and who wrote what are read from it. The log is append-only, so what has been
 * learnt never goes out of date; each read first learns the updates written since the last one.
 *
 * Kept on globalThis: Next's bundled handlers and the server's own modules are different module
 * instances in one process, and should share one index.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import { documentUpdates } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import type { Attribution } from './diff-states';
import { HistoryIndex } from './history-index';

/**
 * Enough for every agreement two people have open at once, several times over. An index takes about
 * 250 bytes per logged update (2.3 MB for 10,000 keystrokes); the least recently read ones are
 * dropped first once either limit is passed.
 */
const MAX_DOCUMENTS = 32;
const MAX_UPDATES = 400_000;
const BATCH = 5000;
const KEY = Symbol.for('mend.history.attribution-index');

function cache(): Map<string, HistoryIndex> {
  const holder = globalThis as { [KEY]?: Map<string, HistoryIndex> };
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/** The document's history index, up to date with every update committed when it was called. */
export async function readHistoryIndex(db: Executor, documentId: string): Promise<HistoryIndex> {
  const documents = cache();
  let index = documents.get(documentId);
  if (!index) {
    // In the cache before the first await: a second read meanwhile shares this one.
    index = new HistoryIndex();
    documents.set(documentId, index);
  }
  for (;;) {
    const from = index.scannedSeq;
    const rows = await db
      .select({ seq: documentUpdates.seq, update: documentUpdates.update, authorId: documentUpdates.authorId })
      .from(documentUpdates)
      .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.seq, from)))
      .orderBy(asc(documentUpdates.seq))
      .limit(BATCH);
    // Stop at a gap: a row not visible yet must not be skipped for good. Another read of the same
    // document may have learnt these rows while this one waited: those are skipped here.
    try {
      for (const row of rows) {
        if (row.seq <= index.scannedSeq) continue;
        if (row.seq !== index.scannedSeq + 1) break;
        index.learn(row.seq, row.update, row.authorId);
      }
    } catch (error) {
      // Half-learnt is not kept: the next read starts again from the log.
      if (documents.get(documentId) === index) documents.delete(documentId);
      throw error;
    }
    if (index.scannedSeq === from || rows.length < BATCH) break;
  }
  // Most recently read last. One dropped while another read still uses it stays whole until that read ends.
  documents.delete(documentId);
  documents.set(documentId, index);
  let total = 0;
  for (const each of documents.values()) total += each.scannedSeq;
  while (documents.size > 1 && (documents.size > MAX_DOCUMENTS || total > MAX_UPDATES)) {
    const [oldestId, oldest] = documents.entries().next().value as [string, HistoryIndex];
    documents.delete(oldestId);
    total -= oldest.scannedSeq;
  }
  return index;
}

/** Attribution for the updates after `fromSeq` up to `toSeq`. */
export async function readAttribution(db: Executor, documentId: string, fromSeq: number, toSeq: number): Promise<Attribution> {
  return (await readHistoryIndex(db, documentId)).attribution(fromSeq, toSeq);
}
