import { spaceInvites, type SpaceInvite } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { conflict } from '../errors';
import { countMembers } from './space-members';
import { INVITE_LIFETIME_MS, generateInviteToken, hashInviteToken } from './invite-token';

/** Returns the token once: only its hash is kept, so the link cannot be shown again later. */
export async function createInvite(db: Database, viewer: Viewer, spaceId: string, now = new Date()): Promise<{ token: string; invite: SpaceInvite }> {
  const membership = await requireSpaceMember(db, viewer, spaceId);
  return db.transaction(async (tx) => {
    if ((await countMembers(tx, spaceId)) >= 2) throw conflict('Your space already has two members, so there is no one left to invite.');
    const token = generateInviteToken();
    const [invite] = await tx
      .insert(spaceInvites)
      .values({ spaceId, tokenHash: hashInviteToken(token), createdBy: membership.userId, expiresAt: new Date(now.getTime() + INVITE_LIFETIME_MS), createdAt: now })
      .returning();
    await recordActivity(tx, { spaceId, actorId: membership.userId, type: 'invite-created', data: {} });
    return { token, invite: invite! };
  });
}
