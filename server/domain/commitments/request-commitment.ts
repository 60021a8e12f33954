import type { CommitmentRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import { conflict } from '../errors';
import { listMembers } from '../spaces/space-members';
import { parseNewCommitment, storeNewCommitment } from './store-new-commitment';

/**
 * The partner asks for a commitment ("Would you …"): it belongs to the other member, who accepts it
 * (it becomes active and theirs) or declines it with a note. Until then it takes no check-ins. Its
 * time zone is the asker's until the other accepts from their own browser.
 */
export async function requestCommitment(db: Database, viewer: Viewer, spaceId: string, input: unknown, now = new Date()): Promise<CommitmentRow> {
  const membership = await requireSpaceMember(db, viewer, spaceId);
  const data = parseNewCommitment(input, now);
  const partner = (await listMembers(db, spaceId)).find((member) => member.userId !== membership.userId);
  if (!partner) throw conflict('Invite your partner first: a commitment can only be asked of them.');
  return storeNewCommitment(db, { spaceId, actorId: membership.userId, ownerId: partner.userId, step: 'requested', data, now });
}
