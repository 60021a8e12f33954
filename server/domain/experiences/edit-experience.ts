import { eq } from 'drizzle-orm';
import { experiences } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireExperience, type Viewer } from '../../access/authorization';
import { invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { personName } from '../notes/person-name';
import { experienceIdeaSchema } from './experience-input';
import { publishExperienceChanged } from './experience-live-events';

/**
 * Changes an experience's title, notes or link, in any state: the list is both partners', so either
 * may reword an idea (a suggestion included) as they make it their own.
 */
export async function editExperience(db: Database, viewer: Viewer, experienceId: string, input: unknown): Promise<void> {
  const parsed = experienceIdeaSchema.safeParse(input);
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { experience, membership } = await db.transaction(async (tx) => {
    const access = await requireExperience(tx, viewer, experienceId, 'write', { lock: true });
    await tx
      .update(experiences)
      .set({ title: parsed.data.title, notes: parsed.data.notes, link: parsed.data.link, updatedAt: new Date() })
      .where(eq(experiences.id, access.experience.id));
    return access;
  });
  publishExperienceChanged(experience.spaceId, { experienceId: experience.id, change: 'edited', actorId: membership.userId, actorName: await personName(db, membership.userId) });
}
