import { documentUpdates, documents, type DocumentRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { createAgreementInputSchema, type CreateAgreementInput } from './agreement-input';
import { agreementTemplateUpdate } from './templates';
import { publishAgreementChanged } from './publish-agreement-changed';

/**
 * A new agreement in the space, blank or from a starter template. The template's content becomes the
 * first row (seq 1) of the document's update log, authored by the creator, in the same transaction as
 * the document: nobody can have the document open yet, so this cannot race the realtime server, and a
 * template is never half-seeded.
 */
export async function createAgreement(db: Database, viewer: Viewer, spaceId: string, input: CreateAgreementInput, now = new Date()): Promise<DocumentRow> {
  const membership = await requireSpaceMember(db, viewer, spaceId);
  const parsed = createAgreementInputSchema.safeParse(input);
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { title, templateId } = parsed.data;
  const seed = templateId ? agreementTemplateUpdate(templateId) : null;
  const created = await db.transaction(async (tx) => {
    const [document] = await tx
      .insert(documents)
      .values({ spaceId, kind: 'agreement', title, createdBy: membership.userId, createdAt: now, updatedAt: now })
      .returning();
    if (seed) await tx.insert(documentUpdates).values({ documentId: document!.id, seq: 1, update: seed, authorId: membership.userId, createdAt: now });
    await recordActivity(tx, {
      spaceId,
      actorId: membership.userId,
      type: 'agreement-created',
      data: { documentId: document!.id, title, ...(templateId ? { templateId } : {}) },
    });
    return document!;
  });
  publishAgreementChanged(spaceId, created.id, 'created');
  return created;
}
