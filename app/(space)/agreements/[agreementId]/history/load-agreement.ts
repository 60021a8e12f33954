/** Shared by the history and versions pages: the signed-in viewer, authorized for this agreement's history, or a 404. */
import { and, eq, inArray } from 'drizzle-orm';
import { notFound } from 'next/navigation';
import { documentUpdates } from '@/drizzle/schema';
import { isUuid, requireAgreementHistory } from '@/server/access/authorization';
import type { Executor } from '@/server/db/database';
import { getDb } from '@/server/db/process-database';
import { isAppError } from '@/server/domain/errors';
import { requireSignedIn } from '../../../../_lib/viewer';

export async function loadAgreementHistory(agreementId: string, path: string) {
  const viewer = await requireSignedIn(path);
  if (!isUuid(agreementId)) notFound();
  const db = getDb();
  const access = await requireAgreementHistory(db, viewer, agreementId).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'not-found') return null;
    throw error;
  });
  if (!access) notFound();
  return { viewer, db, access };
}

/** When each of these updates was made, to name points of the history by their time. */
export async function readUpdateTimes(db: Executor, documentId: string, seqs: number[]): Promise<Map<number, Date>> {
  const wanted = seqs.filter((seq) => seq > 0);
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ seq: documentUpdates.seq, createdAt: documentUpdates.createdAt })
    .from(documentUpdates)
    .where(and(eq(documentUpdates.documentId, documentId), inArray(documentUpdates.seq, wanted)));
  return new Map(rows.map((row) => [row.seq, row.createdAt]));
}

/** A query-string number, or null when absent or not a whole number in range. */
export function parsePoint(value: string | string[] | undefined, max: number): number | null {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return null;
  const point = Number(value);
  return point <= max ? point : null;
}
