import { experiences, type ExperienceRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { personName } from '../notes/person-name';
import { experienceIdeaSchema } from './experience-input';
import { publishExperienceChanged } from './experience-live-events';
import { findSuggestion } from './suggestions';

/**
 * Adds an idea to the couple's shared list: a title, optional notes and an optional web link. Either
 * partner may; it is shared from the start (an idea to do together is said to the other).
 */
export async function addExperience(db: Database, viewer: Viewer, spaceId: string, input: unknown, options: { suggestionId?: string } = {}): Promise<ExperienceRow> {
  const membership = await requireSpaceMember(db, viewer, spaceId);
  const parsed = experienceIdeaSchema.safeParse(input);
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const row = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(experiences)
      .values({ spaceId, title: parsed.data.title, notes: parsed.data.notes, link: parsed.data.link, suggestionId: options.suggestionId ?? null, createdBy: membership.userId })
      .returning();
    await recordActivity(tx, { spaceId, actorId: membership.userId, type: 'experience-added', data: { experienceId: row!.id, title: row!.title } });
    return row!;
  });
  publishExperienceChanged(spaceId, { experienceId: row.id, change: 'added', actorId: membership.userId, actorName: await personName(db, membership.userId) });
  return row;
}

/** Copies a built-in suggestion into the list as an idea, which the couple can then change freely. */
export async function addSuggestedExperience(db: Database, viewer: Viewer, spaceId: string, suggestionId: string): Promise<ExperienceRow> {
  const suggestion = findSuggestion(suggestionId);
  if (!suggestion) throw invalidInput('That suggestion could not be found. Please choose one from the list.');
  return addExperience(db, viewer, spaceId, { title: suggestion.title, notes: suggestion.notes }, { suggestionId: suggestion.id });
}
