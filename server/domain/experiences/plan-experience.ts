import { eq } from 'drizzle-orm';
import { experiences } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireExperience, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { conflict, invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { personName } from '../notes/person-name';
import { instantOfLocalTime, parseLocalDateTime, planSchema } from './experience-input';
import { publishExperienceChanged } from './experience-live-events';

/** Plans further ahead than this are almost certainly a typo in the year. */
const PLAN_AT_MOST_YEARS_AHEAD = 5;

/**
 * Plans an idea (or moves a planned one) for a day and time in the future. The time comes from a
 * datetime-local input, which has no zone, so the person's own time zone (read by their browser)
 * says which instant they meant; the instant is stored and each person sees it in their own zone.
 */
export async function planExperience(db: Database, viewer: Viewer, experienceId: string, input: unknown, now = new Date()): Promise<Date> {
  const parsed = planSchema.safeParse(input);
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const plannedFor = instantOfLocalTime(parseLocalDateTime(parsed.data.when)!, parsed.data.timeZone);
  if (plannedFor.getTime() <= now.getTime()) {
    throw invalidInput('Please check the highlighted fields.', { when: ['That time has already passed. Choose a day and time in the future.'] });
  }
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + PLAN_AT_MOST_YEARS_AHEAD);
  if (plannedFor > latest) throw invalidInput('Please check the highlighted fields.', { when: [`Choose a time within the next ${PLAN_AT_MOST_YEARS_AHEAD} years.`] });
  const { experience, membership } = await db.transaction(async (tx) => {
    const access = await requireExperience(tx, viewer, experienceId, 'write', { lock: true });
    if (access.experience.status === 'done') throw conflict('This experience is already done. Add it again as a new idea to do it once more.');
    await tx.update(experiences).set({ status: 'planned', plannedFor, updatedAt: now }).where(eq(experiences.id, access.experience.id));
    await recordActivity(tx, {
      spaceId: access.experience.spaceId,
      actorId: access.membership.userId,
      type: 'experience-planned',
      data: { experienceId: access.experience.id, title: access.experience.title, plannedFor: plannedFor.toISOString() },
    });
    return access;
  });
  publishExperienceChanged(experience.spaceId, { experienceId: experience.id, change: 'planned', actorId: membership.userId, actorName: await personName(db, membership.userId) });
  return plannedFor;
}
