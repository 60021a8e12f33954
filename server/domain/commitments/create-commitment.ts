import type { CommitmentRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import { parseNewCommitment, storeNewCommitment } from './store-new-commitment';

export interface CreateCommitmentOptions {
  now?: Date;
  /** The conversation whose next step it came from (checked by turnNextStepIntoCommitment). */
  sourceConversationId?: string;
}

/**
 * "I will …", by the viewer, who owns it: active from the start, version 1 of its words, a 'created'
 * step and an activity item, all in one transaction. Returns the stored row.
 */
export async function createCommitment(db: Database, viewer: Viewer, spaceId: string, input: unknown, options: CreateCommitmentOptions = {}): Promise<CommitmentRow> {
  const now = options.now ?? new Date();
  const membership = await requireSpaceMember(db, viewer, spaceId);
  const data = parseNewCommitment(input, now);
  return storeNewCommitment(db, {
    spaceId,
    actorId: membership.userId,
    ownerId: membership.userId,
    step: 'created',
    data,
    sourceConversationId: options.sourceConversationId,
    now,
  });
}
