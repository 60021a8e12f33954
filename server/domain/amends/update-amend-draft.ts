import { eq } from 'drizzle-orm';
import { amends } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireAmend, type Viewer } from '../../access/authorization';
import { createCommitment } from '../commitments/create-commitment';
import { invalidInput } from '../errors';
import { publishAmendDraftsChanged } from './amend-live-events';
import { areOwnCommitments, checkAmendDraft, NOT_YOUR_COMMITMENT } from './check-amend-draft';
import { saveAmendCommitments } from './save-amend-commitments';

/**
 * Changes a draft's words and its linked commitments (a new commitment may be made in place). Only a
 * draft, only by its author, only in an open space; every field is checked before anything is written.
 */
export async function updateAmendDraft(db: Database, viewer: Viewer, amendId: string, input: unknown, options: { now?: Date } = {}): Promise<{ createdCommitmentId: string | null }> {
  const now = options.now ?? new Date();
  const { amend, membership } = await requireAmend(db, viewer, amendId, 'edit-draft');
  const who = { spaceId: amend.spaceId, userId: membership.userId };
  const checked = await checkAmendDraft(db, who, input, now);
  const created = checked.newCommitment ? await createCommitment(db, viewer, amend.spaceId, checked.newCommitment, { now }) : null;
  const commitmentIds = created ? [...checked.commitmentIds, created.id] : checked.commitmentIds;
  await db.transaction(async (tx) => {
    // Locked and asked again: an offer on another device may have frozen it in the meantime.
    await requireAmend(tx, viewer, amendId, 'edit-draft', { lock: true });
    if (!(await areOwnCommitments(tx, who, commitmentIds))) throw invalidInput('Please check the highlighted fields.', { commitmentIds: [NOT_YOUR_COMMITMENT] });
    await tx.update(amends).set({ whatIDid: checked.whatIDid, howItAffectedYou: checked.howItAffectedYou, updatedAt: now }).where(eq(amends.id, amendId));
    await saveAmendCommitments(tx, amendId, commitmentIds);
  });
  publishAmendDraftsChanged(amend.spaceId, amend.authorId, amend.id);
  return { createdCommitmentId: created?.id ?? null };
}
