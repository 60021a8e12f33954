import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { spaceInvites } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import { listMembers, type MemberSummary } from './space-members';

export interface SpaceOverview {
  spaceId: string;
  name: string;
  createdAt: Date;
  me: MemberSummary;
  partner: MemberSummary | null;
  members: MemberSummary[];
  openInvites: Array<{ id: string; createdAt: Date; expiresAt: Date }>;
}

export async function getSpaceOverview(db: Database, viewer: Viewer, spaceId: string, now = new Date()): Promise<SpaceOverview> {
  const membership = await requireSpaceMember(db, viewer, spaceId, 'read');
  const members = await listMembers(db, spaceId);
  const openInvites =
    members.length >= 2
      ? []
      : await db
          .select({ id: spaceInvites.id, createdAt: spaceInvites.createdAt, expiresAt: spaceInvites.expiresAt })
          .from(spaceInvites)
          .where(and(eq(spaceInvites.spaceId, spaceId), isNull(spaceInvites.usedAt), isNull(spaceInvites.revokedAt), gt(spaceInvites.expiresAt, now)))
          .orderBy(desc(spaceInvites.createdAt));
  const me = members.find((m) => m.userId === membership.userId)!;
  return {
    spaceId,
    name: membership.space.name,
    createdAt: membership.space.createdAt,
    me,
    partner: members.find((m) => m.userId !== membership.userId) ?? null,
    members,
    openInvites,
  };
}
