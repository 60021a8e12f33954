import { and, eq } from 'drizzle-orm';
import { experienceMemories, photos, type ExperienceMemoryRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireExperience, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { conflict, invalidInput } from '../errors';
import { personName } from '../notes/person-name';
import { memoryTextSchema } from './experience-input';
import { publishExperienceChanged } from './experience-live-events';
import { prepareMemoryPhoto } from './prepare-memory-photo';

export interface SaveMemoryInput {
  text: unknown;
  /** The uploaded file's bytes, or null to keep the photo the memory has (if any). */
  photo?: Uint8Array | null;
}

/**
 * Adds or changes the viewer's own memory of a done experience: a few lines and, optionally, a photo
 * (which replaces the one before; the old one is deleted for good). Each partner has one memory per
 * experience and only ever writes their own: there is no way to name the other's. The photo is
 * checked and re-encoded before the transaction, so a refused file changes nothing at all.
 */
export async function saveMemory(db: Database, viewer: Viewer, experienceId: string, input: SaveMemoryInput, now = new Date()): Promise<ExperienceMemoryRow> {
  const text = memoryTextSchema.safeParse(input.text ?? '');
  if (!text.success) throw invalidInput('Please check the highlighted fields.', { text: text.error.issues.map((issue) => issue.message) });
  // Fail fast on access before spending time decoding a photo for someone who may not add one.
  await requireExperience(db, viewer, experienceId, 'write');
  const prepared = input.photo ? await prepareMemoryPhoto(input.photo) : null;
  const { memory, membership } = await db.transaction(async (tx) => {
    const { experience, membership } = await requireExperience(tx, viewer, experienceId, 'write', { lock: true });
    if (experience.status !== 'done') throw conflict('Memories are added once an experience is marked done.');
    const me = membership.userId;
    const [existing] = await tx
      .select()
      .from(experienceMemories)
      .where(and(eq(experienceMemories.experienceId, experience.id), eq(experienceMemories.authorId, me)))
      .limit(1);
    if (!text.data && !prepared && !existing?.photoId) {
      throw invalidInput('Please check the highlighted fields.', { text: ['Write a few lines about it, or add a photo.'] });
    }
    let photoId = existing?.photoId ?? null;
    if (prepared) {
      const [photo] = await tx
        .insert(photos)
        .values({ spaceId: experience.spaceId, ownerId: me, mimeType: prepared.mimeType, width: prepared.width, height: prepared.height, bytes: prepared.bytes })
        .returning({ id: photos.id });
      photoId = photo!.id;
    }
    let memory: ExperienceMemoryRow;
    if (existing) {
      [memory] = (await tx.update(experienceMemories).set({ text: text.data, photoId, updatedAt: now }).where(eq(experienceMemories.id, existing.id)).returning()) as [ExperienceMemoryRow];
      // The replaced photo goes for good, not merely unlinked.
      if (prepared && existing.photoId) await tx.delete(photos).where(eq(photos.id, existing.photoId));
    } else {
      [memory] = (await tx.insert(experienceMemories).values({ experienceId: experience.id, authorId: me, text: text.data, photoId, createdAt: now, updatedAt: now }).returning()) as [ExperienceMemoryRow];
      await recordActivity(tx, { spaceId: experience.spaceId, actorId: me, type: 'experience-memory-added', data: { experienceId: experience.id, title: experience.title } });
    }
    return { memory, membership };
  });
  publishExperienceChanged(membership.spaceId, { experienceId, change: 'memory-saved', actorId: membership.userId, actorName: await personName(db, membership.userId) });
  return memory;
}
