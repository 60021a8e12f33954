import { and, desc, eq, ne, or, sql } from 'drizzle-orm';
import { amends, users, type AmendStatus } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireOwnSpace, type Viewer } from '../../access/authorization';

/**
 * One line of the amends list. For the partner, a withdrawn amend is only "an amend was withdrawn":
 * the 'withdrawn' shape has no field that could hold its words.
 */
export type AmendSummary =
  | {
      visibility: 'full';
      id: string;
      status: AmendStatus;
      mine: boolean;
      authorName: string;
      /** The start of "what I did", for the list. */
      excerpt: string;
      createdAt: Date;
      updatedAt: Date;
      offeredAt: Date | null;
      withdrawnAt: Date | null;
      receivedAt: Date | null;
      hasPartnerAffected: boolean;
      commitmentCount: number;
    }
  | { visibility: 'withdrawn'; id: string; status: 'withdrawn'; mine: false; authorName: string; withdrawnAt: Date | null };

const EXCERPT_LENGTH = 160;

/**
 * The amends the viewer may see in their space (open, or the closed one they stayed in), newest
 * first: their own (drafts included) and the partner's offered and withdrawn ones. A partner's draft
 * matches no query here, not even a count.
 */
export async function listAmends(db: Database, viewer: Viewer): Promise<AmendSummary[]> {
  const membership = await requireOwnSpace(db, viewer, 'read');
  const me = membership.userId;
  const rows = await db
    .select({
      amend: amends,
      authorName: users.name,
      commitmentCount: sql<number>`(select count(*)::int from amend_commitments l where l.amend_id = ${amends.id})`,
    })
    .from(amends)
    .innerJoin(users, eq(users.id, amends.authorId))
    .where(and(eq(amends.spaceId, membership.spaceId), or(eq(amends.authorId, me), ne(amends.status, 'draft'))))
    .orderBy(desc(sql`coalesce(${amends.offeredAt}, ${amends.createdAt})`), desc(amends.createdAt))
    .limit(200);
  return rows.map(({ amend: a, authorName, commitmentCount }): AmendSummary => {
    const mine = a.authorId === me;
    if (!mine && a.status === 'withdrawn') return { visibility: 'withdrawn', id: a.id, status: 'withdrawn', mine: false, authorName, withdrawnAt: a.withdrawnAt };
    return {
      visibility: 'full',
      id: a.id,
      status: a.status,
      mine,
      authorName,
      excerpt: a.whatIDid.length > EXCERPT_LENGTH ? `${a.whatIDid.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : a.whatIDid,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      offeredAt: a.offeredAt,
      withdrawnAt: a.withdrawnAt,
      receivedAt: a.receivedAt,
      hasPartnerAffected: a.partnerAffected !== null,
      commitmentCount: Number(commitmentCount),
    };
  });
}
