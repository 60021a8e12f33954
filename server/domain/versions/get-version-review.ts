/**
 * The one screen a partner signs from: a version, what changed since the version both of them last
 * signed before it (or its whole text when they never have), who asked what, and what this person
 * may do about it now. Reading only; signing and asking for changes are their own verbs.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { spaceMembers } from '../../../drizzle/schema';
import { requireAgreementHistory, type Viewer } from '../../access/authorization';
import type { Executor } from '../../db/database';
import { notFound } from '../errors';
import type { AuthorChange, DiffBlock } from '../history/diff-states';
import type { Block } from '../history/document-blocks';
import { diffPoints, readBlocksAt, readHistoryPeople, type HistoryPerson } from '../history/read-history';
import { readAgreementVersions, type VersionView } from './get-agreement-versions';
import { inEffectSince, isFullySigned } from './version-status';

export interface VersionReview {
  agreement: { id: string; title: string; spaceId: string; archived: boolean };
  version: VersionView;
  /** The newest version's number, to point a reader of an older one at it. */
  latestNumber: number;
  /** The last version both signed before this one: the diff starts there. Null: the whole text is shown. */
  base: { number: number; seq: number; since: Date } | null;
  /** With a base: what changed from it to this version, attributed to its authors. */
  changes: { changed: boolean; blocks: DiffBlock[]; summary: AuthorChange[] } | null;
  /** Without a base: the version's whole text. */
  text: Block[] | null;
  people: Map<string, HistoryPerson>;
  /** While the version waits for signatures in an open space: the members who have not signed it yet. */
  awaiting: string[];
  you: {
    userId: string;
    isProposer: boolean;
    hasSigned: boolean;
    /** Signing is open to this person now. */
    maySign: boolean;
    /** Asking for changes is open to this person now (only the partner who did not propose, before signing). */
    mayAskForChanges: boolean;
  };
  /** Why nobody can act here, when nobody can: the space closed or the agreement archived. */
  frozen: 'closed' | 'archived' | null;
}

export async function getVersionReview(db: Executor, viewer: Viewer, documentId: string, number: number): Promise<VersionReview> {
  const access = await requireAgreementHistory(db, viewer, documentId);
  const { userId } = access.membership;
  const overview = await readAgreementVersions(db, documentId);
  const version = overview.versions.find((v) => v.number === number);
  if (!version) throw notFound(`Version ${number}`);
  // overview.versions is newest first: the first fully signed one older than this version.
  const baseVersion = overview.versions.find((v) => v.number < number && isFullySigned({ signerIds: v.signatures.map((s) => s.signerId) }));
  const base = baseVersion ? { number: baseVersion.number, seq: baseVersion.seq, since: inEffectSince({ signedAt: baseVersion.signatures.map((s) => s.signedAt) })! } : null;

  let changes: VersionReview['changes'] = null;
  let text: Block[] | null = null;
  if (base) {
    const diff = await diffPoints(db, documentId, base.seq, version.seq);
    changes = { changed: diff.changed, blocks: diff.blocks, summary: diff.changes };
  } else {
    text = await readBlocksAt(db, documentId, version.seq);
  }

  const people = await readHistoryPeople(db, access.document.spaceId, [
    version.proposedBy,
    ...version.signatures.map((s) => s.signerId),
    version.changeRequest?.requestedBy ?? null,
    ...(changes?.summary.map((c) => c.authorId) ?? []),
  ]);
  const canAct = access.mode === 'edit';
  const isProposer = version.proposedBy === userId;
  const hasSigned = version.signatures.some((s) => s.signerId === userId);
  const waiting = version.state === 'open' || version.state === 'stale';
  return {
    agreement: { id: access.document.id, title: access.document.title, spaceId: access.document.spaceId, archived: access.document.archivedAt !== null },
    version,
    latestNumber: overview.versions[0]?.number ?? number,
    base,
    changes,
    text,
    people,
    awaiting: canAct && waiting ? await readMembersNotSigned(db, access.document.spaceId, version.signatures.map((s) => s.signerId)) : [],
    you: {
      userId,
      isProposer,
      hasSigned,
      maySign: canAct && version.state === 'open' && !hasSigned,
      mayAskForChanges: canAct && waiting && !isProposer && !hasSigned,
    },
    frozen: canAct ? null : access.membership.closed ? 'closed' : 'archived',
  };
}

async function readMembersNotSigned(db: Executor, spaceId: string, signerIds: string[]): Promise<string[]> {
  const members = await db
    .select({ userId: spaceMembers.userId })
    .from(spaceMembers)
    .where(and(eq(spaceMembers.spaceId, spaceId), isNull(spaceMembers.endedAt)))
    .orderBy(spaceMembers.seat);
  return members.map((m) => m.userId).filter((id) => !signerIds.includes(id));
}
