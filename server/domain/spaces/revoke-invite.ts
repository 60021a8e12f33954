import { and, eq, isNull } from 'drizzle-orm';
import { spaceInvites } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { notFound } from '../errors';

export async function revokeInvite(db: Database, viewer: Viewer, spaceId: string, inviteId: string, now = new Date()): Promise<void> {
  const membership = await requireSpaceMember(db, viewer, spaceId);
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(spaceInvites)
      .set({ revokedAt: now })
      .where(and(eq(spaceInvites.id, inviteId), eq(spaceInvites.spaceId, spaceId), isNull(spaceInvites.revokedAt), isNull(spaceInvites.usedAt)))
      .returning({ id: spaceInvites.id });
    if (revoked.length === 0) throw notFound('That invite');
    await recordActivity(tx, { spaceId, actorId: membership.userId, type: 'invite-revoked', data: {} });
  });
}
