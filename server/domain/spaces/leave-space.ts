import { and, eq, inArray, isNotNull, isNull, ne, notInArray } from 'drizzle-orm';
import { amendCommitments, amends, documents, notes, spaceInvites, spaceMembers, spaces } from '../../../drizzle/schema';
import type { Database, Executor } from '../../db/database';
import { requireSpaceMember, type Membership, type Viewer } from '../../access/authorization';
import { publishMembershipRevoked } from '../../events/membership-events';
import { publishLiveEvent } from '../../events/live-events';
import { publishConversationEnded } from '../../events/conversation-events';
import { recordActivity } from '../activity/record-activity';
import { eraseUnrevealedCheckIns as eraseUnrevealedCommitmentCheckIns } from '../commitments/erase-unrevealed-check-ins';
import { endConversationsOnSpaceClose, eraseUnrevealedCheckIns } from '../conversations/end-conversations-on-close';
import { publishDocumentAccessChanged, publishSpaceAccessChanged } from '../../events/access-events';

export const SPACE_CLOSED_EVENT = 'space-closed';

export type LeaveOutcome =
  /** The partner stays with read-only access to what was shared; the space is closed for good. */
  | 'closed'
  /** Nobody else was ever there to keep anything (or the other person had left already): the space is gone. */
  | 'deleted';

/**
 * Ids of this person's private documents in one space: note drafts and retracted notes (the partner
 * can never read those again). Notes shared with the partner are theirs to keep and are not listed.
 */
export async function privateDocumentIdsInSpace(tx: Executor, spaceId: string, userId: string): Promise<string[]> {
  const sharedNotes = tx.select({ documentId: notes.documentId }).from(notes).where(and(eq(notes.spaceId, spaceId), eq(notes.status, 'shared')));
  const rows = await tx
    .select({ id: documents.id })
    .from(documents)
    .where(
      and(
        eq(documents.spaceId, spaceId),
        isNotNull(documents.ownerId),
        eq(documents.ownerId, userId),
        // The journal is the person's, never the space's, even a row written before that was so.
        ne(documents.kind, 'journal'),
        notInArray(documents.id, sharedNotes),
      ),
    );
  return rows.map((row) => row.id);
}

/**
 * The leaver's amend drafts go. A withdrawn amend's words were already taken back from the partner,
 * and with the author gone nobody may read them again: they are blanked, keeping the row so the
 * partner still sees that an amend was withdrawn. Offered amends stay with the partner.
 */
async function eraseAmendsOfLeaver(tx: Executor, spaceId: string, leaverId: string): Promise<void> {
  const mine = and(eq(amends.spaceId, spaceId), eq(amends.authorId, leaverId));
  await tx.delete(amends).where(and(mine, eq(amends.status, 'draft')));
  const withdrawn = await tx.update(amends).set({ whatIDid: '', howItAffectedYou: '' }).where(and(mine, eq(amends.status, 'withdrawn'))).returning({ id: amends.id });
  if (withdrawn.length > 0) await tx.delete(amendCommitments).where(inArray(amendCommitments.amendId, withdrawn.map((row) => row.id)));
}

/**
 * Leave the couple's space. A space belongs to the two people who formed it, so leaving closes it
 * for good (docs/relationship-life.md):
 * - the person who leaves keeps their journal (it was never the space's) and loses all access here;
 *   their private drafts, retracted notes and unrevealed check-ins are deleted for good;
 * - the person who stays keeps read-only access to everything that was shared, and an export; an
 *   open conversation ends early; open invites are withdrawn; a new partner means a new space;
 * - when nobody else is left to keep anything, the space and everything in it is deleted.
 * Everything happens in one transaction; open connections are re-checked after it commits.
 */
export async function leaveSpace(db: Database, viewer: Viewer, spaceId: string, now = new Date()): Promise<{ outcome: LeaveOutcome }> {
  const membership = await requireSpaceMember(db, viewer, spaceId, 'read');
  const result = await db.transaction((tx) => leaveSpaceWithin(tx, membership, now));
  await announceLeaving(result);
  return { outcome: result.outcome };
}

export interface LeaveResult {
  spaceId: string;
  leaverId: string;
  outcome: LeaveOutcome;
  deletedDocumentIds: string[];
  /** Conversations that were open and ended early because the space closed. */
  endedConversationIds: string[];
}

/** The leaving itself, inside the caller's transaction (deleting an account leaves every space in one). */
export async function leaveSpaceWithin(tx: Executor, membership: Membership, now: Date): Promise<LeaveResult> {
  const { spaceId, userId: leaverId } = membership;
  await tx.select({ id: spaces.id }).from(spaces).where(eq(spaces.id, spaceId)).for('update');
  const others = await tx
    .select({ userId: spaceMembers.userId })
    .from(spaceMembers)
    .where(and(eq(spaceMembers.spaceId, spaceId), ne(spaceMembers.userId, leaverId), isNull(spaceMembers.endedAt)));
  if (membership.closed || others.length === 0) {
    // The last person in the space: nothing is left for anyone to keep. Documents go by cascade.
    const gone = await tx.select({ id: documents.id }).from(documents).where(eq(documents.spaceId, spaceId));
    await tx.delete(spaces).where(eq(spaces.id, spaceId));
    return { spaceId, leaverId, outcome: 'deleted', deletedDocumentIds: gone.map((row) => row.id), endedConversationIds: [] };
  }
  const deletedDocumentIds = await privateDocumentIdsInSpace(tx, spaceId, leaverId);
  if (deletedDocumentIds.length > 0) await tx.delete(documents).where(inArray(documents.id, deletedDocumentIds));
  const endedConversationIds = await endConversationsOnSpaceClose(tx, { spaceId, leaverId, now });
  await eraseUnrevealedCheckIns(tx, { userId: leaverId, spaceId });
  await eraseUnrevealedCommitmentCheckIns(tx, { userId: leaverId, spaceId });
  await eraseAmendsOfLeaver(tx, spaceId, leaverId);
  await tx.delete(spaceMembers).where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, leaverId)));
  await tx.update(spaceMembers).set({ endedAt: now }).where(eq(spaceMembers.spaceId, spaceId));
  await tx.update(spaces).set({ closedAt: now, closedBy: leaverId }).where(eq(spaces.id, spaceId));
  await tx
    .update(spaceInvites)
    .set({ revokedAt: now })
    .where(and(eq(spaceInvites.spaceId, spaceId), isNull(spaceInvites.usedAt), isNull(spaceInvites.revokedAt)));
  await recordActivity(tx, { spaceId, actorId: leaverId, type: 'member-left', data: {} });
  return { spaceId, leaverId, outcome: 'closed', deletedDocumentIds, endedConversationIds };
}

/**
 * After commit: the leaver's live (socket.io) connections close, and every open document connection
 * of the space is checked again: the leaver's close, the stayer's come back read-only, deleted
 * documents are dropped without being written back.
 */
export async function announceLeaving(result: LeaveResult): Promise<void> {
  for (const conversationId of result.endedConversationIds) publishConversationEnded(conversationId);
  publishMembershipRevoked({ spaceId: result.spaceId, userId: result.leaverId });
  await publishDocumentAccessChanged(result.deletedDocumentIds);
  await publishSpaceAccessChanged(result.spaceId);
  if (result.outcome === 'closed') publishLiveEvent({ spaceId: result.spaceId, audience: 'space', event: SPACE_CLOSED_EVENT, payload: {} });
}
