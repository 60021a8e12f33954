import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { commitments, users, type Cadence, type CommitmentStatus } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireOwnSpace, type Viewer } from '../../access/authorization';

export interface CommitmentSummary {
  id: string;
  spaceId: string;
  status: CommitmentStatus;
  ownerId: string;
  ownerName: string;
  /** The viewer is the person committing (or the one it was asked of). */
  mine: boolean;
  requestedBy: string | null;
  requestedByMe: boolean;
  /** The current words (the highest version) and their number. */
  text: string;
  version: number;
  cadence: Cadence;
  startDate: string;
  reviewDate: string | null;
  timeZone: string;
  hasClause: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface CommitmentFilters {
  ownerId?: string;
  status?: CommitmentStatus | CommitmentStatus[];
}

/**
 * The commitments of the viewer's space (open, or the closed one they stayed in), most recently
 * changed first, with their current words. Both members see all of them: a commitment is said to the
 * partner. Check-ins are not part of this list (get-commitment.ts applies the reveal rule).
 */
export async function listCommitments(db: Database, viewer: Viewer, filters: CommitmentFilters = {}): Promise<CommitmentSummary[]> {
  const membership = await requireOwnSpace(db, viewer, 'read');
  const conditions: SQL[] = [eq(commitments.spaceId, membership.spaceId)];
  if (filters.ownerId) conditions.push(eq(commitments.ownerId, filters.ownerId));
  if (filters.status) conditions.push(inArray(commitments.status, Array.isArray(filters.status) ? filters.status : [filters.status]));
  const rows = await db
    .select({
      commitment: commitments,
      ownerName: users.name,
      text: sql<string>`(select v.text from commitment_versions v where v.commitment_id = ${commitments.id} order by v.number desc limit 1)`,
      version: sql<number>`(select max(v.number)::int from commitment_versions v where v.commitment_id = ${commitments.id})`,
    })
    .from(commitments)
    .innerJoin(users, eq(users.id, commitments.ownerId))
    .where(and(...conditions))
    .orderBy(desc(commitments.updatedAt), desc(commitments.createdAt))
    .limit(200);
  const me = membership.userId;
  return rows.map(({ commitment: c, ownerName, text, version }) => ({
    id: c.id,
    spaceId: c.spaceId,
    status: c.status,
    ownerId: c.ownerId,
    ownerName,
    mine: c.ownerId === me,
    requestedBy: c.requestedBy,
    requestedByMe: c.requestedBy === me,
    text,
    version: Number(version),
    cadence: c.cadence,
    startDate: c.startDate,
    reviewDate: c.reviewDate,
    timeZone: c.timeZone,
    hasClause: c.clauseClient !== null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }));
}
