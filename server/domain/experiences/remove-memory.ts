import { and, eq } from 'drizzle-orm';
import { experienceMemories, photos } from '../../../drizzle/schema';
import type { Database, Executor } from '../../db/database';
import { requireExperience, type Viewer } from '../../access/authorization';
import { conflict } from '../errors';
import { personName } from '../notes/person-name';
import { publishExperienceChanged } from './experience-live-events';

async function lockMyMemory(tx: Executor, viewer: Viewer, experienceId: string) {
  const { experience, membership } = await requireExperience(tx, viewer, experienceId, 'write', { lock: true });
  const [memory] = await tx
    .select()
    .from(experienceMemories)
    .where(and(eq(experienceMemories.experienceId, experience.id), eq(experienceMemories.authorId, membership.userId)))
    .limit(1);
  return { experience, membership, memory: memory ?? null };
}

/**
 * The author takes the photo off their memory; it is deleted for good (its bytes included). A memory
 * that had only the photo and no words goes with it, as there is nothing left of it.
 */
export async function removeMemoryPhoto(db: Database, viewer: Viewer, experienceId: string): Promise<void> {
  const { membership } = await db.transaction(async (tx) => {
    const found = await lockMyMemory(tx, viewer, experienceId);
    if (!found.memory?.photoId) throw conflict('Your memory has no photo to remove.');
    if (found.memory.text) await tx.update(experienceMemories).set({ photoId: null, updatedAt: new Date() }).where(eq(experienceMemories.id, found.memory.id));
    else await tx.delete(experienceMemories).where(eq(experienceMemories.id, found.memory.id));
    await tx.delete(photos).where(eq(photos.id, found.memory.photoId));
    return found;
  });
  publishExperienceChanged(membership.spaceId, { experienceId, change: 'memory-removed', actorId: membership.userId, actorName: await personName(db, membership.userId) });
}

/** The author removes their memory; its photo is deleted for good with it. */
export async function deleteMemory(db: Database, viewer: Viewer, experienceId: string): Promise<void> {
  const { membership } = await db.transaction(async (tx) => {
    const found = await lockMyMemory(tx, viewer, experienceId);
    if (!found.memory) throw conflict('You have not written a memory of this yet.');
    await tx.delete(experienceMemories).where(eq(experienceMemories.id, found.memory.id));
    if (found.memory.photoId) await tx.delete(photos).where(eq(photos.id, found.memory.photoId));
    return found;
  });
  publishExperienceChanged(membership.spaceId, { experienceId, change: 'memory-removed', actorId: membership.userId, actorName: await personName(db, membership.userId) });
}
