import { eq } from 'drizzle-orm';
import { amends } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireAmend, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { conflict, invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { personName } from '../notes/person-name';
import { receiveAmendSchema } from './amend-input';
import { publishAmendEvent } from './amend-live-events';

/**
 * The partner says "I received this", with optional words of their own. Once per amend. Receiving
 * says it reached them; it does not say anything is forgiven or settled.
 */
export async function receiveAmend(db: Database, viewer: Viewer, amendId: string, input: unknown, now = new Date()): Promise<void> {
  const parsed = receiveAmendSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { amend, actorId, actorName } = await db.transaction(async (tx) => {
    const { amend, membership } = await requireAmend(tx, viewer, amendId, 'receive', { lock: true });
    if (amend.receivedAt) throw conflict('You already said you received this amend.');
    await tx.update(amends).set({ receivedAt: now, receivedBy: membership.userId, receivedWords: parsed.data.words, updatedAt: now }).where(eq(amends.id, amend.id));
    await recordActivity(tx, { spaceId: amend.spaceId, actorId: membership.userId, type: 'amend-received', data: {} });
    return { amend, actorId: membership.userId, actorName: await personName(tx, membership.userId) };
  });
  publishAmendEvent(amend.spaceId, 'amend-received', { amendId: amend.id, actorId, actorName });
}
