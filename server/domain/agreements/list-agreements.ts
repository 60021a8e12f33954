import { and, desc, eq } from 'drizzle-orm';
import { documents, users } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';

export interface AgreementSummary {
  id: string;
  title: string;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
  createdByName: string | null;
}

/** Every agreement of the space, most recently changed first; archived ones come back too, marked by archivedAt. */
export async function listAgreements(db: Executor, viewer: Viewer, spaceId: string): Promise<AgreementSummary[]> {
  await requireSpaceMember(db, viewer, spaceId);
  return db
    .select({
      id: documents.id,
      title: documents.title,
      createdAt: documents.createdAt,
      updatedAt: documents.updatedAt,
      archivedAt: documents.archivedAt,
      createdByName: users.name,
    })
    .from(documents)
    .leftJoin(users, eq(users.id, documents.createdBy))
    .where(and(eq(documents.spaceId, spaceId), eq(documents.kind, 'agreement')))
    .orderBy(desc(documents.updatedAt), desc(documents.createdAt));
}
