import { eq } from 'drizzle-orm';
import { experiences } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireExperience, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { conflict } from '../errors';
import { personName } from '../notes/person-name';
import { publishExperienceChanged } from './experience-live-events';

/**
 * Marks an experience done, planned or not (some of the best ones are spontaneous). From then on each
 * partner can add a memory of it. Done is final: the row is locked, so two partners pressing "done"
 * at the same moment record it once and the second is told it already is.
 */
export async function markExperienceDone(db: Database, viewer: Viewer, experienceId: string, now = new Date()): Promise<void> {
  const { experience, membership } = await db.transaction(async (tx) => {
    const access = await requireExperience(tx, viewer, experienceId, 'write', { lock: true });
    if (access.experience.status === 'done') throw conflict('This experience is already marked done.');
    await tx.update(experiences).set({ status: 'done', doneAt: now, updatedAt: now }).where(eq(experiences.id, access.experience.id));
    await recordActivity(tx, { spaceId: access.experience.spaceId, actorId: access.membership.userId, type: 'experience-done', data: { experienceId: access.experience.id, title: access.experience.title } });
    return access;
  });
  publishExperienceChanged(experience.spaceId, { experienceId: experience.id, change: 'done', actorId: membership.userId, actorName: await personName(db, membership.userId) });
}
