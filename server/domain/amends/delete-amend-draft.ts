import { eq } from 'drizzle-orm';
import { amends } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireAmend, type Viewer } from '../../access/authorization';
import { publishAmendDraftsChanged } from './amend-live-events';

/** A draft the author no longer wants: gone for good with its links (the commitments themselves stay). */
export async function deleteAmendDraft(db: Database, viewer: Viewer, amendId: string): Promise<void> {
  const amend = await db.transaction(async (tx) => {
    const { amend } = await requireAmend(tx, viewer, amendId, 'delete-draft', { lock: true });
    await tx.delete(amends).where(eq(amends.id, amend.id));
    return amend;
  });
  publishAmendDraftsChanged(amend.spaceId, amend.authorId, amend.id);
}
