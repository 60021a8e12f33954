import { eq } from 'drizzle-orm';
import { documents, type DocumentRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireAgreement, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { conflict, invalidInput } from '../errors';
import { agreementTitleSchema } from './agreement-input';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { publishAgreementChanged } from './publish-agreement-changed';

export async function renameAgreement(db: Database, viewer: Viewer, documentId: string, newTitle: string, now = new Date()): Promise<DocumentRow> {
  const parsed = agreementTitleSchema.safeParse(newTitle);
  const { document, membership } = await requireAgreement(db, viewer, documentId);
  if (!parsed.success) throw invalidInput('Please check the title.', { title: fieldErrorsOf(parsed.error).form ?? [] });
  if (document.archivedAt) throw conflict('This agreement is archived. Bring it back from the archive to rename it.');
  const title = parsed.data;
  if (title === document.title) return document;
  const renamed = await db.transaction(async (tx) => {
    const [row] = await tx.update(documents).set({ title, updatedAt: now }).where(eq(documents.id, documentId)).returning();
    await recordActivity(tx, { spaceId: document.spaceId, actorId: membership.userId, type: 'agreement-renamed', data: { documentId, from: document.title, to: title } });
    return row!;
  });
  publishAgreementChanged(document.spaceId, documentId, 'renamed');
  return renamed;
}
