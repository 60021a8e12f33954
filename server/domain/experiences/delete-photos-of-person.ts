import { and, eq, isNull } from 'drizzle-orm';
import { experienceMemories, photos } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';

/**
 * For deleting an account: every photo the person uploaded is deleted for good, in every space (open
 * or closed). Their memories' words stay with the partner like shared notes (attributed to the
 * tombstone name); a memory that was only a photo has nothing left and goes too. Runs inside the
 * caller's transaction. Returns how many photos were deleted.
 */
export async function deletePhotosOfPerson(tx: Executor, userId: string): Promise<number> {
  const deleted = await tx.delete(photos).where(eq(photos.ownerId, userId)).returning({ id: photos.id });
  // The foreign key has already unlinked them (on delete set null); empty memories are removed.
  await tx.delete(experienceMemories).where(and(eq(experienceMemories.authorId, userId), isNull(experienceMemories.photoId), eq(experienceMemories.text, '')));
  return deleted.length;
}
