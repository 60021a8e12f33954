/** When each of a document's updates was made, to name points of its history by their time. */
import { and, eq, inArray } from 'drizzle-orm';
import { documentUpdates } from '@/drizzle/schema';
import type { Executor } from '@/server/db/database';

/** Callers have already authorized the reader for this document's history (requireAgreementHistory). */
export async function readUpdateTimes(db: Executor, documentId: string, seqs: number[]): Promise<Map<number, Date>> {
  const wanted = seqs.filter((seq) => seq > 0);
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ seq: documentUpdates.seq, createdAt: documentUpdates.createdAt })
    .from(documentUpdates)
    .where(and(eq(documentUpdates.documentId, documentId), inArray(documentUpdates.seq, wanted)));
  return new Map(rows.map((row) => [row.seq, row.createdAt]));
}
