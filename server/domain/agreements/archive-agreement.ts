import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { documents, type DocumentRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireAgreement, type Viewer } from '../../access/authorization';
import { publishDocumentAccessChanged } from '../../events/access-events';
import { recordActivity } from '../activity/record-activity';
import { publishAgreementChanged } from './publish-agreement-changed';

/**
 * Archiving keeps the agreement and its whole history, read-only, out of the main list. Either
 * partner may archive or bring it back; both see it in the activity list. Doing it twice is
 * harmless (the second call changes nothing and records nothing).
 */
export async function archiveAgreement(db: Database, viewer: Viewer, documentId: string, now = new Date()): Promise<DocumentRow> {
  const { document, membership } = await requireAgreement(db, viewer, documentId);
  const result = await db.transaction(async (tx) => {
    const [archived] = await tx
      .update(documents)
      .set({ archivedAt: now, updatedAt: now })
      .where(and(eq(documents.id, documentId), isNull(documents.archivedAt)))
      .returning();
    if (!archived) return { row: document, changed: false };
    await recordActivity(tx, { spaceId: document.spaceId, actorId: membership.userId, type: 'agreement-archived', data: { documentId, title: archived.title } });
    return { row: archived, changed: true };
  });
  if (result.changed) {
    // Open rooms reconnect (4401) and come back read-only.
    await publishDocumentAccessChanged([documentId]);
    publishAgreementChanged(document.spaceId, documentId, 'archived');
  }
  return result.row;
}

export async function unarchiveAgreement(db: Database, viewer: Viewer, documentId: string, now = new Date()): Promise<DocumentRow> {
  const { document, membership } = await requireAgreement(db, viewer, documentId);
  const result = await db.transaction(async (tx) => {
    const [restored] = await tx
      .update(documents)
      .set({ archivedAt: null, updatedAt: now })
      .where(and(eq(documents.id, documentId), isNotNull(documents.archivedAt)))
      .returning();
    if (!restored) return { row: document, changed: false };
    await recordActivity(tx, { spaceId: document.spaceId, actorId: membership.userId, type: 'agreement-unarchived', data: { documentId, title: restored.title } });
    return { row: restored, changed: true };
  });
  if (result.changed) {
    await publishDocumentAccessChanged([documentId]);
    publishAgreementChanged(document.spaceId, documentId, 'unarchived');
  }
  return result.row;
}
