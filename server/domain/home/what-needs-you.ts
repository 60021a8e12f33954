/**
 * The home page's read model: what waits for this person in their open space, what is coming up,
 * and which first steps are still worth pointing at. One function, so the page imports no table.
 *
 * Privacy, item by item (server/access/authorization.ts decides membership; every query below is
 * scoped to the viewer's own open space):
 * - nothing from a closed space: nothing in it can change, so nothing in it waits for anyone; the
 *   partner who left has no membership at all and sees no trace of it;
 * - notes and amends only once shared or offered, and only the partner's (a draft matches no query);
 * - the partner's journal, drafts and unrevealed check-ins are never read, not even counted;
 * - only titles, topics and names both partners already see elsewhere, never a note's feelings or
 *   words, an amend's words or a check-in's value.
 */
import { and, desc, eq, gte, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import {
  agreementChangeRequests,
  agreementSignatures,
  agreementVersions,
  amends,
  commitments,
  conversations,
  documents,
  experienceMemories,
  experiences,
  journalEntries,
  notes,
  users,
} from '../../../drizzle/schema';
import { findMembership, findReadableSpace, requireSpaceMember, requireViewer, type Viewer } from '../../access/authorization';
import type { Database } from '../../db/database';
import { listDueThisWeek } from '../commitments/list-due-this-week';
import { localDate } from '../commitments/periods';
import { partnerOf } from '../conversations/conversation-machine';
import { findOpenConversation, loadConversation } from '../conversations/load-conversation';
import { describeClosedSpace } from '../spaces/describe-closed-space';
import { listMembers } from '../spaces/space-members';
import { decideAgreementStatus } from '../versions/agreement-status';
import { readAgreementVersions } from '../versions/get-agreement-versions';
import { decideFirstSteps, type FirstStep } from './first-steps';

/** Something that waits for this person's answer or attention. */
export type WaitingItem =
  | { kind: 'talk-request'; conversationId: string; topic: string; byName: string; at: Date }
  | { kind: 'talk-waiting'; conversationId: string; topic: string; partnerName: string }
  | { kind: 'talk-open'; conversationId: string; topic: string }
  | {
      kind: 'pause';
      conversationId: string;
      topic: string;
      returnAt: Date;
      /** Both agreed the return time; otherwise the partner suggested it and the viewer may agree or suggest another. */
      returnAgreed: boolean;
      returnSuggestedByPartner: boolean;
      /** The minimum pause is over and the viewer has not said they are ready yet. */
      canSayReady: boolean;
    }
  | { kind: 'version-to-sign'; agreementId: string; title: string; number: number; proposedByYou: boolean; proposerName: string; at: Date }
  | { kind: 'changes-asked'; agreementId: string; title: string; number: number; byName: string; at: Date }
  | { kind: 'note-shared'; noteId: string; authorName: string; at: Date }
  | { kind: 'amend-offered'; amendId: string; authorName: string; at: Date }
  | { kind: 'commitment-asked'; commitmentId: string; text: string; byName: string; at: Date }
  | { kind: 'memory-added'; experienceId: string; title: string; partnerName: string; at: Date };

type TimedItem = Extract<WaitingItem, { at: Date }>;

/** Something later: nothing to answer now, just worth knowing. */
export type ComingUpItem =
  | { kind: 'talk-planned'; conversationId: string; topic: string; at: Date }
  | { kind: 'check-in'; commitmentId: string; text: string; mine: boolean; ownerName: string; periods: Array<{ start: string; end: string; ended: boolean }> }
  | { kind: 'commitment-review'; commitmentId: string; text: string; reviewDate: string }
  | { kind: 'experience-planned'; experienceId: string; title: string; at: Date };

export type HomeView =
  | { space: 'none'; firstSteps: FirstStep[] }
  | { space: 'closed'; name: string; leaverName: string; closedAt: Date; firstSteps: FirstStep[] }
  | {
      space: 'open';
      spaceId: string;
      name: string;
      partnerName: string | null;
      needsYou: WaitingItem[];
      comingUp: ComingUpItem[];
      firstSteps: FirstStep[];
    };

/** A planned experience shows from a week before; a partner's memory stays an invitation for a month. */
const EXPERIENCE_AHEAD_MS = 7 * 24 * 60 * 60 * 1000;
const MEMORY_INVITATION_MS = 30 * 24 * 60 * 60 * 1000;

export async function getWhatNeedsYou(db: Database, viewer: Viewer, now = new Date()): Promise<HomeView> {
  const { userId } = requireViewer(viewer);
  const viewerHasJournalEntry = (await db.select({ id: journalEntries.id }).from(journalEntries).where(eq(journalEntries.ownerId, userId)).limit(1)).length > 0;
  const open = await findMembership(db, userId);
  if (!open) {
    const firstSteps = decideFirstSteps({ space: 'none', spaceHasAgreement: false, spaceHasConversation: false, viewerHasJournalEntry, viewerHasNote: false });
    const readable = await findReadableSpace(db, userId);
    const closed = readable ? await describeClosedSpace(db, readable) : null;
    return closed ? { space: 'closed', name: closed.name, leaverName: closed.leaverName, closedAt: closed.closedAt, firstSteps } : { space: 'none', firstSteps };
  }
  const membership = await requireSpaceMember(db, viewer, open.spaceId, 'read');
  const spaceId = membership.spaceId;
  const members = await listMembers(db, spaceId);
  const partner = members.find((m) => m.userId !== userId) ?? null;
  const partnerName = partner?.name ?? 'Your partner';

  const [spaceHasAgreement, spaceHasConversation, viewerHasNote] = await Promise.all([
    exists(db.select({ id: documents.id }).from(documents).where(and(eq(documents.spaceId, spaceId), eq(documents.kind, 'agreement'))).limit(1)),
    exists(db.select({ id: conversations.id }).from(conversations).where(eq(conversations.spaceId, spaceId)).limit(1)),
    exists(db.select({ id: notes.id }).from(notes).where(and(eq(notes.spaceId, spaceId), eq(notes.authorId, userId))).limit(1)),
  ]);
  const firstSteps = decideFirstSteps({ space: partner ? 'together' : 'waiting', spaceHasAgreement, spaceHasConversation, viewerHasJournalEntry, viewerHasNote });

  const needsYou: WaitingItem[] = [];
  const comingUp: ComingUpItem[] = [];
  await addConversation(db, spaceId, userId, partnerName, now, needsYou, comingUp);
  const timed: TimedItem[] = [
    ...(await versionItems(db, spaceId, userId)),
    ...(await sharedNoteItems(db, spaceId, userId)),
    ...(await offeredAmendItems(db, spaceId, userId)),
    ...(await commitmentAskItems(db, spaceId, userId)),
    ...(await memoryItems(db, spaceId, userId, partnerName, now)),
  ];
  needsYou.push(...timed.sort((a, b) => b.at.getTime() - a.at.getTime()));

  comingUp.push(...(await checkInItems(db, viewer, now)));
  comingUp.push(...(await reviewItems(db, spaceId, now)));
  comingUp.push(...(await plannedExperienceItems(db, spaceId, now)));

  return { space: 'open', spaceId, name: membership.space.name, partnerName: partner?.name ?? null, needsYou, comingUp, firstSteps };
}

async function exists(query: Promise<unknown[]>): Promise<boolean> {
  return (await query).length > 0;
}

/** The space's one open conversation, as it stands for this person. */
async function addConversation(db: Database, spaceId: string, userId: string, partnerName: string, now: Date, needsYou: WaitingItem[], comingUp: ComingUpItem[]) {
  const row = await findOpenConversation(db, spaceId);
  if (!row) return;
  const { state } = await loadConversation(db, row, now.getTime());
  if (!state.participants.includes(userId)) return;
  const conversationId = row.id;
  const topic = state.topic;
  if (state.pause) {
    const pause = state.pause;
    needsYou.push({
      kind: 'pause',
      conversationId,
      topic,
      returnAt: new Date(pause.returnAt),
      returnAgreed: pause.returnAgreed,
      returnSuggestedByPartner: !pause.returnAgreed && pause.returnProposedBy !== userId,
      canSayReady: now.getTime() >= pause.minimumEndsAt && !pause.ready.includes(userId),
    });
    return;
  }
  switch (state.phase) {
    case 'proposed':
      // The one who asked waits for an answer: nothing waits for them.
      if (state.proposedBy !== userId) needsYou.push({ kind: 'talk-request', conversationId, topic, byName: partnerName, at: new Date(state.proposedAt) });
      return;
    case 'scheduled':
      comingUp.push({ kind: 'talk-planned', conversationId, topic, at: new Date(state.scheduledFor!) });
      return;
    case 'opening':
      if (!state.arrived.includes(userId) && state.arrived.includes(partnerOf(state, userId))) needsYou.push({ kind: 'talk-waiting', conversationId, topic, partnerName });
      return;
    case 'check-in':
    case 'floor':
    case 'closing':
      needsYou.push({ kind: 'talk-open', conversationId, topic });
      return;
    case 'ended':
      return;
  }
}

/**
 * Agreements whose latest version waits for this person: a proposal they have not signed that still
 * says what the agreement says (a stale one cannot be signed), or their own proposal the partner
 * asked to change. Archived agreements, and a closed space's, wait for nobody (canSign below holds
 * because only an open space's agreements that are not archived are read).
 */
async function versionItems(db: Database, spaceId: string, userId: string): Promise<TimedItem[]> {
  const latest = await db
    .select({
      agreementId: documents.id,
      title: documents.title,
      versionId: agreementVersions.id,
      number: agreementVersions.number,
      proposedBy: agreementVersions.proposedBy,
      proposedAt: agreementVersions.proposedAt,
      proposerName: users.name,
    })
    .from(agreementVersions)
    .innerJoin(documents, eq(documents.id, agreementVersions.documentId))
    .leftJoin(users, eq(users.id, agreementVersions.proposedBy))
    .where(
      and(
        eq(documents.spaceId, spaceId),
        eq(documents.kind, 'agreement'),
        isNull(documents.archivedAt),
        eq(agreementVersions.number, sql`(select max(v.number) from agreement_versions v where v.document_id = ${documents.id})`),
      ),
    );
  if (latest.length === 0) return [];
  const versionIds = latest.map((v) => v.versionId);
  const [signedByMe, requests] = await Promise.all([
    db.select({ versionId: agreementSignatures.versionId }).from(agreementSignatures).where(and(inArray(agreementSignatures.versionId, versionIds), eq(agreementSignatures.signerId, userId))),
    db
      .select({ versionId: agreementChangeRequests.versionId, requestedBy: agreementChangeRequests.requestedBy, createdAt: agreementChangeRequests.createdAt, byName: users.name })
      .from(agreementChangeRequests)
      .leftJoin(users, eq(users.id, agreementChangeRequests.requestedBy))
      .where(inArray(agreementChangeRequests.versionId, versionIds)),
  ]);
  const items: TimedItem[] = [];
  for (const version of latest) {
    const request = requests.find((r) => r.versionId === version.versionId);
    const title = version.title || 'Untitled agreement';
    if (request) {
      if (version.proposedBy === userId && request.requestedBy !== userId) {
        items.push({ kind: 'changes-asked', agreementId: version.agreementId, title, number: version.number, byName: request.byName ?? 'Your partner', at: request.createdAt });
      }
      continue;
    }
    if (signedByMe.some((s) => s.versionId === version.versionId)) continue;
    // Only now read the text (whether the proposal still says what the agreement says), and ask the
    // same rule as the agreements list, so the two never disagree.
    const overview = await readAgreementVersions(db, version.agreementId);
    const facts = {
      versions: overview.versions.map((v) => ({ number: v.number, state: v.state, signerIds: v.signatures.map((s) => s.signerId) })),
      changedSinceSigned: overview.changedSinceSigned,
      canSign: true,
    };
    if (decideAgreementStatus(facts, userId) !== 'waiting-for-you') continue;
    items.push({
      kind: 'version-to-sign',
      agreementId: version.agreementId,
      title,
      number: version.number,
      proposedByYou: version.proposedBy === userId,
      proposerName: version.proposerName ?? 'Your partner',
      at: version.proposedAt,
    });
  }
  return items;
}

/** The partner's shared notes this person has not acknowledged yet. */
async function sharedNoteItems(db: Database, spaceId: string, userId: string): Promise<TimedItem[]> {
  const rows = await db
    .select({ noteId: notes.id, authorName: users.name, sharedAt: notes.sharedAt })
    .from(notes)
    .innerJoin(users, eq(users.id, notes.authorId))
    .where(and(eq(notes.spaceId, spaceId), ne(notes.authorId, userId), eq(notes.status, 'shared'), isNull(notes.acknowledgedAt)))
    .orderBy(desc(notes.sharedAt))
    .limit(20);
  return rows.map((row) => ({ kind: 'note-shared', noteId: row.noteId, authorName: row.authorName, at: row.sharedAt! }));
}

/** Amends the partner offered that this person has not said they received. */
async function offeredAmendItems(db: Database, spaceId: string, userId: string): Promise<TimedItem[]> {
  const rows = await db
    .select({ amendId: amends.id, authorName: users.name, offeredAt: amends.offeredAt })
    .from(amends)
    .innerJoin(users, eq(users.id, amends.authorId))
    .where(and(eq(amends.spaceId, spaceId), ne(amends.authorId, userId), eq(amends.status, 'offered'), isNull(amends.receivedAt)))
    .orderBy(desc(amends.offeredAt))
    .limit(20);
  return rows.map((row) => ({ kind: 'amend-offered', amendId: row.amendId, authorName: row.authorName, at: row.offeredAt! }));
}

/** Commitments the partner asked this person for, not yet accepted or declined. */
async function commitmentAskItems(db: Database, spaceId: string, userId: string): Promise<TimedItem[]> {
  const rows = await db
    .select({
      commitmentId: commitments.id,
      createdAt: commitments.createdAt,
      byName: users.name,
      text: sql<string>`(select v.text from commitment_versions v where v.commitment_id = ${commitments.id} order by v.number desc limit 1)`,
    })
    .from(commitments)
    .leftJoin(users, eq(users.id, commitments.requestedBy))
    .where(and(eq(commitments.spaceId, spaceId), eq(commitments.ownerId, userId), eq(commitments.status, 'requested')))
    .orderBy(desc(commitments.createdAt))
    .limit(20);
  return rows.map((row) => ({ kind: 'commitment-asked', commitmentId: row.commitmentId, text: row.text, byName: row.byName ?? 'Your partner', at: row.createdAt }));
}

/** Done experiences the partner wrote a memory of lately and this person has not: an invitation, nothing owed. */
async function memoryItems(db: Database, spaceId: string, userId: string, partnerName: string, now: Date): Promise<TimedItem[]> {
  const since = new Date(now.getTime() - MEMORY_INVITATION_MS);
  const rows = await db
    .select({ experienceId: experiences.id, title: experiences.title, at: experienceMemories.createdAt })
    .from(experienceMemories)
    .innerJoin(experiences, eq(experiences.id, experienceMemories.experienceId))
    .where(
      and(
        eq(experiences.spaceId, spaceId),
        eq(experiences.status, 'done'),
        ne(experienceMemories.authorId, userId),
        gte(experienceMemories.createdAt, since),
        sql`not exists (select 1 from experience_memories mine where mine.experience_id = ${experiences.id} and mine.author_id = ${userId})`,
      ),
    )
    .orderBy(desc(experienceMemories.createdAt))
    .limit(10);
  return rows.map((row) => ({ kind: 'memory-added', experienceId: row.experienceId, title: row.title, partnerName, at: row.at }));
}

/**
 * This week's check-ins this person could give now and has not, on either partner's commitments:
 * periods that have begun (in the committer's time zone). Days still ahead are not listed: nothing
 * can be done about them yet, and a row of future days would read like a to-do list.
 */
async function checkInItems(db: Database, viewer: Viewer, now: Date): Promise<ComingUpItem[]> {
  const due = await listDueThisWeek(db, viewer, now);
  if (due.length === 0) return [];
  const zones = new Map(
    (await db.select({ id: commitments.id, timeZone: commitments.timeZone }).from(commitments).where(inArray(commitments.id, due.map((item) => item.commitmentId)))).map((row) => [row.id, row.timeZone]),
  );
  return due.flatMap((item) => {
    const today = localDate(now, zones.get(item.commitmentId) ?? 'UTC');
    const open = item.periods.filter((p) => !p.checkedIn && p.start <= today).map((p) => ({ start: p.start, end: p.end, ended: p.ended }));
    return open.length ? [{ kind: 'check-in' as const, commitmentId: item.commitmentId, text: item.text, mine: item.mine, ownerName: item.ownerName, periods: open }] : [];
  });
}

/** Active commitments whose review date has come (in the committer's time zone): time to look at them together. */
async function reviewItems(db: Database, spaceId: string, now: Date): Promise<ComingUpItem[]> {
  const rows = await db
    .select({
      commitmentId: commitments.id,
      reviewDate: commitments.reviewDate,
      timeZone: commitments.timeZone,
      text: sql<string>`(select v.text from commitment_versions v where v.commitment_id = ${commitments.id} order by v.number desc limit 1)`,
    })
    .from(commitments)
    .where(and(eq(commitments.spaceId, spaceId), eq(commitments.status, 'active'), sql`${commitments.reviewDate} is not null`));
  return rows
    .filter((row) => row.reviewDate! <= localDate(now, row.timeZone))
    .map((row) => ({ kind: 'commitment-review' as const, commitmentId: row.commitmentId, text: row.text, reviewDate: row.reviewDate! }));
}

/** Planned experiences within the coming week (or earlier today), soonest first. */
async function plannedExperienceItems(db: Database, spaceId: string, now: Date): Promise<ComingUpItem[]> {
  const rows = await db
    .select({ experienceId: experiences.id, title: experiences.title, plannedFor: experiences.plannedFor })
    .from(experiences)
    .where(
      and(
        eq(experiences.spaceId, spaceId),
        eq(experiences.status, 'planned'),
        gte(experiences.plannedFor, new Date(now.getTime() - 12 * 60 * 60 * 1000)),
        lte(experiences.plannedFor, new Date(now.getTime() + EXPERIENCE_AHEAD_MS)),
      ),
    )
    .orderBy(experiences.plannedFor)
    .limit(10);
  return rows.map((row) => ({ kind: 'experience-planned' as const, experienceId: row.experienceId, title: row.title, at: row.plannedFor! }));
}
