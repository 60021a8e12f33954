/**
 * Who made which Yjs items and who deleted which, learnt once per document from its update log and
 * kept in memory, extended as the log grows. Diffs need this for the updates between two points;
 * reading and decoding those rows again for every diff was most of a diff's cost (the log of a
 * long-edited agreement is thousands of keystroke-sized rows). The log is append-only, so what has
 * been learnt never goes out of date.
 *
 * Kept on globalThis: Next's bundled handlers and the server's own modules are different module
 * instances in one process, and should share one index.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import * as Y from 'yjs';
import { documentUpdates } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import type { Attribution } from './diff-states';

interface DocumentIndex {
  scannedSeq: number;
  clientAuthors: Map<number, string | null>;
  deletions: Array<{ seq: number; client: number; clock: number; length: number; authorId: string | null }>;
}

/** Enough for every agreement two people have open at once, several times over. */
const MAX_DOCUMENTS = 64;
const BATCH = 5000;
const KEY = Symbol.for('mend.history.attribution-index');

function cache(): Map<string, DocumentIndex> {
  const holder = globalThis as { [KEY]?: Map<string, DocumentIndex> };
  holder[KEY] ??= new Map();
  return holder[KEY];
}

export function learnFromUpdate(index: DocumentIndex, seq: number, update: Uint8Array, authorId: string | null): void {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (struct instanceof Y.Item && !index.clientAuthors.has(struct.id.client)) index.clientAuthors.set(struct.id.client, authorId);
  }
  for (const [client, ranges] of ds.clients) for (const range of ranges) index.deletions.push({ seq, client, clock: range.clock, length: range.len, authorId });
}

/** Attribution for the updates after `fromSeq` up to `toSeq`. */
export async function readAttribution(db: Executor, documentId: string, fromSeq: number, toSeq: number): Promise<Attribution> {
  const documents = cache();
  let index = documents.get(documentId);
  if (index) documents.delete(documentId); // re-inserted below: most recently used last
  index ??= { scannedSeq: 0, clientAuthors: new Map(), deletions: [] };
  while (index.scannedSeq < toSeq) {
    const rows = await db
      .select({ seq: documentUpdates.seq, update: documentUpdates.update, authorId: documentUpdates.authorId })
      .from(documentUpdates)
      .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.seq, index.scannedSeq)))
      .orderBy(asc(documentUpdates.seq))
      .limit(BATCH);
    let advanced = false;
    for (const row of rows) {
      // Stop at a gap: a row not visible yet must not be skipped for good.
      if (row.seq !== index.scannedSeq + 1) break;
      learnFromUpdate(index, row.seq, row.update, row.authorId);
      index.scannedSeq = row.seq;
      advanced = true;
    }
    if (!advanced || rows.length < BATCH) break;
  }
  documents.set(documentId, index);
  if (documents.size > MAX_DOCUMENTS) documents.delete(documents.keys().next().value as string);
  return {
    clientAuthors: index.clientAuthors,
    deletions: index.deletions.filter((d) => d.seq > fromSeq && d.seq <= toSeq),
  };
}

/** For tests and the benchmark's cold figures. */
export function forgetAttributionIndex(documentId?: string): void {
  if (documentId) cache().delete(documentId);
  else cache().clear();
}
