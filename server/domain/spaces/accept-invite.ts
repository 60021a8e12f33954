import { eq } from 'drizzle-orm';
import { spaceInvites, spaceMembers, spaces, users } from '../../../drizzle/schema';
import type { Database, Executor } from '../../db/database';
import { isUniqueViolation } from '../../db/database';
import { findMembership } from '../../access/authorization';
import { publishSpaceAccessChanged } from '../../events/access-events';
import { recordActivity } from '../activity/record-activity';
import { AppError } from '../errors';
import { hashInviteToken } from './invite-token';

export type InviteProblem = 'unknown' | 'expired' | 'used' | 'revoked' | 'closed' | 'full' | 'already-member' | 'in-another-space';

export const inviteProblemMessages: Record<InviteProblem, { title: string; body: string }> = {
  unknown: { title: 'This invite link does not work', body: 'The link may be incomplete. Ask your partner to send it again, or to make a new one.' },
  expired: { title: 'This invite has expired', body: 'Invite links work for 7 days. Ask your partner to make a new one from their space page.' },
  used: { title: 'This invite has already been used', body: 'Each invite link works once. If you have not joined yet, ask your partner for a new link.' },
  closed: { title: 'This space has closed', body: 'A space belongs to the two people who formed it, and one of them has left. Ask for an invite to a new space instead.' },
  revoked: { title: 'This invite was withdrawn', body: 'Your partner withdrew this link. If that was a mistake, they can make a new one.' },
  full: { title: 'This space already has two members', body: 'A Mend space is for two people, and both seats are taken.' },
  'already-member': { title: 'You are already in this space', body: 'There is nothing more to do: you are one of its two members.' },
  'in-another-space': { title: 'You are already in a space', body: 'A person can be in one space at a time. Leave your current space first if you want to join this one.' },
};

export class InviteError extends AppError {
  constructor(readonly problem: InviteProblem) {
    super(problem === 'unknown' ? 'not-found' : problem === 'full' || problem.includes('space') || problem === 'already-member' ? 'conflict' : 'gone', inviteProblemMessages[problem].title);
  }
}

export interface InviteDetails {
  inviteId: string;
  spaceId: string;
  spaceName: string;
  inviterName: string | null;
  expiresAt: Date;
}

/** What an invite link leads to, and whether `userId` (if signed in) could accept it now. */
export async function inspectInvite(db: Executor, token: string, userId: string | null, now = new Date()): Promise<{ details: InviteDetails | null; problem: InviteProblem | null }> {
  const [row] = await db
    .select({ invite: spaceInvites, spaceName: spaces.name, closedAt: spaces.closedAt, inviterName: users.name })
    .from(spaceInvites)
    .innerJoin(spaces, eq(spaces.id, spaceInvites.spaceId))
    .leftJoin(users, eq(users.id, spaceInvites.createdBy))
    .where(eq(spaceInvites.tokenHash, hashInviteToken(token)))
    .limit(1);
  if (!row) return { details: null, problem: 'unknown' };
  const details: InviteDetails = { inviteId: row.invite.id, spaceId: row.invite.spaceId, spaceName: row.spaceName, inviterName: row.inviterName, expiresAt: row.invite.expiresAt };
  if (userId) {
    const membership = await findMembership(db, userId);
    if (membership?.spaceId === row.invite.spaceId) return { details, problem: 'already-member' };
  }
  if (row.closedAt) return { details, problem: 'closed' };
  const problem = inviteProblem(row.invite, now);
  if (problem) return { details, problem };
  const members = await db.select({ userId: spaceMembers.userId }).from(spaceMembers).where(eq(spaceMembers.spaceId, row.invite.spaceId));
  if (members.length >= 2) return { details, problem: 'full' };
  if (userId && (await findMembership(db, userId))) return { details, problem: 'in-another-space' };
  return { details, problem: null };
}

function inviteProblem(invite: typeof spaceInvites.$inferSelect, now: Date): InviteProblem | null {
  if (invite.revokedAt) return 'revoked';
  if (invite.usedAt) return 'used';
  if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
  return null;
}

/**
 * Join the space behind an invite. One transaction: the invite row and the space row are locked,
 * the member count checked, a free seat taken and the invite marked used. The seat's unique index
 * is the last line of defence: if two acceptances still race to one seat, the loser is told the
 * space is full and nothing of its attempt is kept.
 */
export async function acceptInvite(db: Database, userId: string, token: string, now = new Date()): Promise<{ spaceId: string }> {
  const joined = await joinWithInvite(db, userId, token, now);
  // A new member changes who may open the space's documents: the rooms check their open connections again.
  await publishSpaceAccessChanged(joined.spaceId);
  return joined;
}

async function joinWithInvite(db: Database, userId: string, token: string, now: Date): Promise<{ spaceId: string }> {
  try {
    return await db.transaction(async (tx) => {
      const [invite] = await tx.select().from(spaceInvites).where(eq(spaceInvites.tokenHash, hashInviteToken(token))).for('update');
      if (!invite) throw new InviteError('unknown');
      const current = await findMembership(tx, userId);
      if (current?.spaceId === invite.spaceId) throw new InviteError('already-member');
      const [space] = await tx.select({ closedAt: spaces.closedAt }).from(spaces).where(eq(spaces.id, invite.spaceId)).for('update');
      if (space?.closedAt) throw new InviteError('closed');
      const problem = inviteProblem(invite, now);
      if (problem) throw new InviteError(problem);
      if (current) throw new InviteError('in-another-space');
      const members = await tx.select({ seat: spaceMembers.seat }).from(spaceMembers).where(eq(spaceMembers.spaceId, invite.spaceId));
      if (members.length >= 2) throw new InviteError('full');
      const seat = members.some((m) => m.seat === 1) ? 2 : 1;
      await tx.insert(spaceMembers).values({ spaceId: invite.spaceId, userId, seat, joinedAt: now });
      await tx.update(spaceInvites).set({ usedAt: now, usedBy: userId }).where(eq(spaceInvites.id, invite.id));
      await recordActivity(tx, { spaceId: invite.spaceId, actorId: userId, type: 'member-joined', data: {} });
      return { spaceId: invite.spaceId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new InviteError(/user/.test(String((error as Error).message)) ? 'in-another-space' : 'full');
    throw error;
  }
}
