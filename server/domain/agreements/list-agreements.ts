import { and, desc, eq, sql } from 'drizzle-orm';
import { documentUpdates, documents, users } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';

export interface AgreementSummary {
  id: string;
  title: string;
  createdAt: Date;
  /** The later of the last edit to the text (from the update log) and the last rename or archive. */
  changedAt: Date;
  archivedAt: Date | null;
  createdByName: string | null;
}

/** Every agreement of the space, most recently changed first; archived ones come back too, marked by archivedAt. */
export async function listAgreements(db: Executor, viewer: Viewer, spaceId: string): Promise<AgreementSummary[]> {
  await requireSpaceMember(db, viewer, spaceId, 'read');
  // The realtime server only appends to the update log, so the last edit is read from there.
  const lastEdit = sql`(select max(${documentUpdates.createdAt}) from ${documentUpdates} where ${documentUpdates.documentId} = ${documents.id})`;
  const changedAt = sql<string | Date>`greatest(${documents.updatedAt}, coalesce(${lastEdit}, ${documents.updatedAt}))`;
  const rows = await db
    .select({
      id: documents.id,
      title: documents.title,
      createdAt: documents.createdAt,
      changedAt,
      archivedAt: documents.archivedAt,
      createdByName: users.name,
    })
    .from(documents)
    .leftJoin(users, eq(users.id, documents.createdBy))
    .where(and(eq(documents.spaceId, spaceId), eq(documents.kind, 'agreement')))
    .orderBy(desc(changedAt), desc(documents.createdAt));
  return rows.map((row) => ({ ...row, changedAt: new Date(row.changedAt) }));
}
