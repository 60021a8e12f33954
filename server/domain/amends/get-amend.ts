import { asc, eq, sql } from 'drizzle-orm';
import { amendCommitments, commitments, type AmendStatus, type Cadence, type CommitmentStatus } from '../../../drizzle/schema';
import type { Database, Executor } from '../../db/database';
import { requireAmend, type Viewer } from '../../access/authorization';
import { personName } from '../notes/person-name';
import { listMembers } from '../spaces/space-members';

export interface LinkedCommitment {
  id: string;
  /** Its words now (a commitment may have changed since the amend was written). */
  text: string;
  status: CommitmentStatus;
  cadence: Cadence;
}

/** An amend as the viewer may see it. */
export type AmendView =
  | {
      visibility: 'full';
      id: string;
      spaceId: string;
      status: AmendStatus;
      mine: boolean;
      authorName: string;
      /** The other member, as the viewer calls them on this page. */
      partnerName: string;
      whatIDid: string;
      howItAffectedYou: string;
      commitments: LinkedCommitment[];
      createdAt: Date;
      updatedAt: Date;
      offeredAt: Date | null;
      withdrawnAt: Date | null;
      received: { at: Date; byName: string; words: string | null } | null;
      /** "How it affected me", in the partner's own words. */
      partnerAffected: string | null;
      /** The space closed when a partner left: the amend can be read, not answered or changed. */
      readOnly: boolean;
    }
  | {
      /** The partner's view of a withdrawn amend: that it was withdrawn, and only their own words. */
      visibility: 'withdrawn';
      id: string;
      status: 'withdrawn';
      mine: false;
      authorName: string;
      withdrawnAt: Date | null;
      yourWords: { receivedWords: string | null; affected: string | null };
      readOnly: boolean;
    };

/** Throws "not found" for strangers and for the partner's drafts (server/access/authorization.ts). */
export async function getAmend(db: Database, viewer: Viewer, amendId: string): Promise<AmendView> {
  const { amend: a, isAuthor, canSeeContent, membership } = await requireAmend(db, viewer, amendId, 'view');
  const authorName = await personName(db, a.authorId);
  if (!canSeeContent) {
    return {
      visibility: 'withdrawn',
      id: a.id,
      status: 'withdrawn',
      mine: false,
      authorName,
      withdrawnAt: a.withdrawnAt,
      yourWords: { receivedWords: a.receivedWords, affected: a.partnerAffected },
      readOnly: membership.closed,
    };
  }
  const [linked, members, receiverName] = await Promise.all([
    listLinkedCommitments(db, a.id),
    listMembers(db, a.spaceId),
    a.receivedBy ? personName(db, a.receivedBy) : Promise.resolve(null),
  ]);
  const partner = members.find((m) => m.userId !== membership.userId);
  return {
    visibility: 'full',
    id: a.id,
    spaceId: a.spaceId,
    status: a.status,
    mine: isAuthor,
    authorName,
    partnerName: isAuthor ? (partner?.name ?? receiverName ?? 'Your partner') : authorName,
    whatIDid: a.whatIDid,
    howItAffectedYou: a.howItAffectedYou,
    commitments: linked,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    offeredAt: a.offeredAt,
    withdrawnAt: a.withdrawnAt,
    received: a.receivedAt ? { at: a.receivedAt, byName: receiverName ?? 'Your partner', words: a.receivedWords } : null,
    partnerAffected: a.partnerAffected,
    readOnly: membership.closed,
  };
}

/** The commitments an amend links to, with their current words. Callers have authorized the viewer. */
export async function listLinkedCommitments(db: Executor, amendId: string): Promise<LinkedCommitment[]> {
  const rows = await db
    .select({
      id: commitments.id,
      status: commitments.status,
      cadence: commitments.cadence,
      text: sql<string>`(select v.text from commitment_versions v where v.commitment_id = ${commitments.id} order by v.number desc limit 1)`,
    })
    .from(amendCommitments)
    .innerJoin(commitments, eq(commitments.id, amendCommitments.commitmentId))
    .where(eq(amendCommitments.amendId, amendId))
    .orderBy(asc(commitments.createdAt));
  return rows.map((row) => ({ id: row.id, status: row.status, cadence: row.cadence, text: row.text ?? '' }));
}
