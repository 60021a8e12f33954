import { eq } from 'drizzle-orm';
import { experienceMemories, experiences } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireExperience, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { conflict } from '../errors';
import { personName } from '../notes/person-name';
import { publishExperienceChanged } from './experience-live-events';

/**
 * Removes an idea or a planned experience from the list. Once either partner has written a memory of
 * it, it stays: one partner cannot delete the other's memory (or photo) by deleting the experience.
 */
export async function deleteExperience(db: Database, viewer: Viewer, experienceId: string): Promise<void> {
  const { experience, membership } = await db.transaction(async (tx) => {
    const access = await requireExperience(tx, viewer, experienceId, 'write', { lock: true });
    const memories = await tx.select({ id: experienceMemories.id }).from(experienceMemories).where(eq(experienceMemories.experienceId, access.experience.id)).limit(1);
    if (memories.length > 0) throw conflict('This experience has memories, so it stays on your list. Each of you can remove your own memory.');
    await tx.delete(experiences).where(eq(experiences.id, access.experience.id));
    await recordActivity(tx, { spaceId: access.experience.spaceId, actorId: access.membership.userId, type: 'experience-removed', data: { title: access.experience.title } });
    return access;
  });
  publishExperienceChanged(experience.spaceId, { experienceId: experience.id, change: 'deleted', actorId: membership.userId, actorName: await personName(db, membership.userId) });
}
