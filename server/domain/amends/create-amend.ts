import { amends, type AmendRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireOwnSpace, requireSpaceMember, type Viewer } from '../../access/authorization';
import { createCommitment } from '../commitments/create-commitment';
import { invalidInput } from '../errors';
import { publishAmendDraftsChanged } from './amend-live-events';
import { areOwnCommitments, checkAmendDraft, NOT_YOUR_COMMITMENT } from './check-amend-draft';
import { saveAmendCommitments } from './save-amend-commitments';

/**
 * Starts an amend as a private draft of the viewer's: what I did, how I understand it affected you,
 * and the commitments that repair it (the viewer's own, chosen or made here). Every field is checked
 * first, so bad input saves nothing. A commitment made here is a commitment like any other: the
 * partner sees it at once, even while the amend stays a draft (the form says so).
 */
export async function createAmend(db: Database, viewer: Viewer, input: unknown, options: { now?: Date } = {}): Promise<AmendRow & { createdCommitmentId: string | null }> {
  const now = options.now ?? new Date();
  // Read first, then ask for write: in a closed space the one who stayed is told it is closed.
  const readable = await requireOwnSpace(db, viewer, 'read');
  const membership = await requireSpaceMember(db, viewer, readable.spaceId, 'write');
  const checked = await checkAmendDraft(db, membership, input, now);
  const created = checked.newCommitment ? await createCommitment(db, viewer, membership.spaceId, checked.newCommitment, { now }) : null;
  const commitmentIds = created ? [...checked.commitmentIds, created.id] : checked.commitmentIds;
  const amend = await db.transaction(async (tx) => {
    if (!(await areOwnCommitments(tx, membership, commitmentIds))) throw invalidInput('Please check the highlighted fields.', { commitmentIds: [NOT_YOUR_COMMITMENT] });
    const [row] = await tx
      .insert(amends)
      .values({ spaceId: membership.spaceId, authorId: membership.userId, whatIDid: checked.whatIDid, howItAffectedYou: checked.howItAffectedYou, createdAt: now, updatedAt: now })
      .returning();
    await saveAmendCommitments(tx, row!.id, commitmentIds);
    return row!;
  });
  publishAmendDraftsChanged(amend.spaceId, amend.authorId, amend.id);
  return { ...amend, createdCommitmentId: created?.id ?? null };
}
