import { and, eq, isNotNull, notInArray } from 'drizzle-orm';
import { documents, notes, spaceMembers, spaces } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import { publishMembershipRevoked } from '../../events/membership-events';
import { recordActivity } from '../activity/record-activity';
import { countMembers } from './space-members';

/**
 * Leave the couple's space. The partner keeps every shared document, including the notes the leaver
 * shared with them on purpose; the leaver's private documents (journal, drafts, retracted notes) are
 * deleted with their update logs, since no one could ever open them again.
 * When the last member leaves, the space and everything in it is deleted.
 * Live connections of the leaver are closed at once.
 */
export async function leaveSpace(db: Database, viewer: Viewer, spaceId: string): Promise<{ spaceDeleted: boolean }> {
  const membership = await requireSpaceMember(db, viewer, spaceId);
  const result = await db.transaction(async (tx) => {
    await tx.select({ id: spaces.id }).from(spaces).where(eq(spaces.id, spaceId)).for('update');
    const sharedNotes = tx
      .select({ documentId: notes.documentId })
      .from(notes)
      .where(and(eq(notes.spaceId, spaceId), eq(notes.authorId, membership.userId), eq(notes.status, 'shared')));
    await tx
      .delete(documents)
      .where(
        and(
          eq(documents.spaceId, spaceId),
          isNotNull(documents.ownerId),
          eq(documents.ownerId, membership.userId),
          notInArray(documents.id, sharedNotes),
        ),
      );
    await tx.delete(spaceMembers).where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, membership.userId)));
    if ((await countMembers(tx, spaceId)) === 0) {
      await tx.delete(spaces).where(eq(spaces.id, spaceId));
      return { spaceDeleted: true };
    }
    await recordActivity(tx, { spaceId, actorId: membership.userId, type: 'member-left', data: {} });
    return { spaceDeleted: false };
  });
  publishMembershipRevoked({ spaceId, userId: membership.userId });
  return result;
}
