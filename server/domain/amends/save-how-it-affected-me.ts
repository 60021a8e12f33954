import { eq } from 'drizzle-orm';
import { amends } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireAmend, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { personName } from '../notes/person-name';
import { howItAffectedMeSchema } from './amend-input';
import { publishAmendEvent } from './amend-live-events';

/**
 * The partner writes, or changes, how it affected them, in their own words, shown beside the author's
 * understanding. Separate from receiving: either may come first, or only one.
 */
export async function saveHowItAffectedMe(db: Database, viewer: Viewer, amendId: string, input: unknown, now = new Date()): Promise<void> {
  const parsed = howItAffectedMeSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { amend, actorId, actorName } = await db.transaction(async (tx) => {
    const { amend, membership } = await requireAmend(tx, viewer, amendId, 'add-affected', { lock: true });
    await tx.update(amends).set({ partnerAffected: parsed.data.text, updatedAt: now }).where(eq(amends.id, amend.id));
    await recordActivity(tx, { spaceId: amend.spaceId, actorId: membership.userId, type: 'amend-affected-shared', data: { changed: amend.partnerAffected !== null } });
    return { amend, actorId: membership.userId, actorName: await personName(tx, membership.userId) };
  });
  publishAmendEvent(amend.spaceId, 'amend-affected-changed', { amendId: amend.id, actorId, actorName });
}
