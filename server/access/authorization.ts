/**
 * The one place that decides who may do what. Every page, route handler, server action, socket.io
 * event and document room asks here; nothing else reads a space's data without a decision from
 * this module.
 *
 * Rules:
 * - Anonymous people may do nothing with a space.
 * - A stranger (not a member) learns nothing: they get "not found", never "forbidden", so a space's
 *   or document's existence does not leak.
 * - Both members may read and write the space's shared things while the space is open.
 * - A space belongs to the two people who formed it. When one leaves, it closes: the leaver loses
 *   all access, the one who stayed may read and export what was shared but change nothing, and a new
 *   partner joins a new space, so nothing of a former pair ever reaches a new person.
 * - Private things (note drafts, unrevealed check-ins) are open to their owner only; for the partner
 *   they do not exist (not found). The journal belongs to the person, with or without a space.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import {
  conversationEvents,
  conversations,
  documents,
  journalEntries,
  notes,
  spaceMembers,
  spaces,
  users,
  type ConversationRow,
  type DocumentKind,
  type DocumentRow,
  type JournalEntryRow,
  type NoteRow,
  type Space,
} from '../../drizzle/schema';
import type { Executor } from '../db/database';
import { AppError, conflict, forbidden, notFound, unauthenticated } from '../domain/errors';
import { commitments, type CommitmentRow, type CommitmentStatus } from '../../drizzle/schema';
import { amends, type AmendRow } from '../../drizzle/schema';

export type Viewer = { userId: string } | null;

export interface Membership {
  spaceId: string;
  userId: string;
  seat: number;
  space: Space;
  /** The space closed when a partner left: this member may read and export it, never change it. */
  closed: boolean;
}

/** Reading is allowed in a closed space; changing anything is not. */
export type SpaceIntent = 'read' | 'write';

export const CLOSED_SPACE_MESSAGE = 'This space closed when one of you left. What was shared in it can be read and exported, but nothing in it can change.';

const membershipColumns = {
  spaceId: spaceMembers.spaceId,
  userId: spaceMembers.userId,
  seat: spaceMembers.seat,
  endedAt: spaceMembers.endedAt,
  space: spaces,
};

function toMembership(row: { spaceId: string; userId: string; seat: number; endedAt: Date | null; space: Space }): Membership {
  return { spaceId: row.spaceId, userId: row.userId, seat: row.seat, space: row.space, closed: row.endedAt !== null || row.space.closedAt !== null };
}

/** The open space this user belongs to, or null. A person is in at most one open space. */
export async function findMembership(db: Executor, userId: string): Promise<Membership | null> {
  const rows = await db
    .select(membershipColumns)
    .from(spaceMembers)
    .innerJoin(spaces, eq(spaces.id, spaceMembers.spaceId))
    .where(and(eq(spaceMembers.userId, userId), isNull(spaceMembers.endedAt)))
    .limit(1);
  return rows[0] ? toMembership(rows[0]) : null;
}

/** This user's membership of one particular space, open or closed, or null for a stranger or a leaver. */
export async function findSpaceMembership(db: Executor, userId: string, spaceId: string): Promise<Membership | null> {
  if (!isUuid(spaceId)) return null;
  const rows = await db
    .select(membershipColumns)
    .from(spaceMembers)
    .innerJoin(spaces, eq(spaces.id, spaceMembers.spaceId))
    .where(and(eq(spaceMembers.userId, userId), eq(spaceMembers.spaceId, spaceId)))
    .limit(1);
  return rows[0] ? toMembership(rows[0]) : null;
}

/** The closed spaces this person stayed in when their partner left, newest first (read and export only). */
export async function listClosedSpaces(db: Executor, userId: string): Promise<Membership[]> {
  const rows = await db
    .select(membershipColumns)
    .from(spaceMembers)
    .innerJoin(spaces, eq(spaces.id, spaceMembers.spaceId))
    .where(eq(spaceMembers.userId, userId))
    .orderBy(desc(spaces.closedAt));
  return rows.map(toMembership).filter((m) => m.closed);
}

/**
 * The space a person's pages show: their open space or, when they have none, the space most
 * recently closed when their partner left (read-only). Null when there is neither.
 */
export async function findReadableSpace(db: Executor, userId: string): Promise<Membership | null> {
  return (await findMembership(db, userId)) ?? (await listClosedSpaces(db, userId))[0] ?? null;
}

export function requireViewer(viewer: Viewer): { userId: string } {
  if (!viewer) throw unauthenticated();
  return viewer;
}

function checkIntent(membership: Membership, intent: SpaceIntent): Membership {
  if (membership.closed && intent === 'write') throw conflict(CLOSED_SPACE_MESSAGE);
  return membership;
}

/**
 * Members only; anyone else (including the partner who left) gets "not found". In a closed space the
 * member who stayed may read (intent 'read') and is refused anything else with a plain explanation.
 */
export async function requireSpaceMember(db: Executor, viewer: Viewer, spaceId: string, intent: SpaceIntent = 'write'): Promise<Membership> {
  const { userId } = requireViewer(viewer);
  const membership = await findSpaceMembership(db, userId, spaceId);
  if (!membership) throw notFound('That space');
  return checkIntent(membership, intent);
}

/**
 * The viewer's own space, for pages that act on "my space": the open one; for reading, when there is
 * none, the space most recently closed when their partner left.
 */
export async function requireOwnSpace(db: Executor, viewer: Viewer, intent: SpaceIntent = 'write'): Promise<Membership> {
  const { userId } = requireViewer(viewer);
  const membership = intent === 'read' ? await findReadableSpace(db, userId) : await findMembership(db, userId);
  if (!membership) throw new AppError('not-found', 'You are not in a space yet.');
  return membership;
}

/** Kinds both members may open; every other kind is private to its owner. */
const SHARED_KINDS: ReadonlySet<DocumentKind> = new Set(['agreement', 'session-next-steps']);

export type DocumentAccess = { document: DocumentRow; membership: Membership | null; mode: 'edit' | 'read' };
/** A document of a couple's space (every kind but the journal), with the viewer's membership of it. */
export type SpaceDocumentAccess = { document: DocumentRow & { spaceId: string }; membership: Membership; mode: 'edit' | 'read' };

export type DocumentRefusal = 'unauthenticated' | 'not-found' | 'forbidden';

/**
 * May this user open this collaborative document? Used by the document rooms (at the door, before
 * any byte is sent, and again whenever access may have changed) and by every route that reads one.
 *
 * The partner asking for a private document gets 'not-found' from routes; the realtime server maps
 * both 'not-found' for an existing private document and 'forbidden' to its own close codes.
 */
export async function authorizeDocument(
  db: Executor,
  viewer: Viewer,
  documentId: string,
): Promise<{ ok: true; access: DocumentAccess } | { ok: false; reason: DocumentRefusal; exists: boolean }> {
  if (!viewer) return { ok: false, reason: 'unauthenticated', exists: false };
  if (!isUuid(documentId)) return { ok: false, reason: 'not-found', exists: false };
  const [document] = await db.select().from(documents).where(eq(documents.id, documentId)).limit(1);
  if (!document) return { ok: false, reason: 'not-found', exists: false };
  // The journal belongs to its owner alone, whatever space they are (or are not) in.
  if (document.kind === 'journal' || document.spaceId === null) {
    if (document.ownerId !== viewer.userId) return { ok: false, reason: 'forbidden', exists: true };
    return { ok: true, access: { document, membership: null, mode: 'edit' } };
  }
  const membership = await findSpaceMembership(db, viewer.userId, document.spaceId);
  if (!membership) return { ok: false, reason: 'forbidden', exists: true };
  const frozen = membership.closed || document.archivedAt !== null;
  if (!SHARED_KINDS.has(document.kind)) {
    const extra = privateDocumentRules[document.kind];
    const allowed = extra ? await extra(db, viewer.userId, document) : document.ownerId === viewer.userId;
    if (!allowed) return { ok: false, reason: 'forbidden', exists: true };
    // An archived private document is frozen for its owner too: a note stops changing once shared.
    const mode = document.ownerId === viewer.userId && !frozen ? 'edit' : 'read';
    return { ok: true, access: { document, membership, mode } };
  }
  return { ok: true, access: { document, membership, mode: frozen ? 'read' : 'edit' } };
}

/**
 * Per-kind rules for documents that are not plainly shared. The default for a private kind is
 * "owner only". A feature that needs more (a shared note readable by the partner) registers its
 * rule here, in this module, so the whole access policy stays in one file.
 */
const privateDocumentRules: Partial<Record<DocumentKind, (db: Executor, userId: string, document: DocumentRow) => Promise<boolean>>> = {
  /**
   * A note's "what happened": its author always; the partner only while the note is shared (read
   * only, as sharing archives the document). A draft or a retracted note's room refuses the partner.
   */
  note: async (db, userId, document) => {
    if (document.ownerId === userId) return true;
    const [note] = await db.select({ status: notes.status }).from(notes).where(eq(notes.documentId, document.id)).limit(1);
    return note?.status === 'shared';
  },
};

/** Route-facing variant: throws "not found" for everyone who may not see it (including the partner, for private documents). */
export async function requireDocument(db: Executor, viewer: Viewer, documentId: string): Promise<DocumentAccess> {
  const decision = await authorizeDocument(db, viewer, documentId);
  if (decision.ok) return decision.access;
  if (decision.reason === 'unauthenticated') throw unauthenticated();
  throw notFound('That document');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * May this person open a live (socket.io) connection? Asked at the door, after the token is verified,
 * and again whenever a live action needs the current membership. A person with no open space is
 * admitted too (their own devices still hear about their journal); `membership` is then null.
 */
export async function authorizeLiveConnection(
  db: Executor,
  viewer: Viewer,
): Promise<{ ok: true; membership: Membership | null; name: string } | { ok: false; reason: 'unauthenticated' }> {
  if (!viewer) return { ok: false, reason: 'unauthenticated' };
  const [person] = await db.select({ name: users.name, deletedAt: users.deletedAt }).from(users).where(eq(users.id, viewer.userId)).limit(1);
  if (!person || person.deletedAt) return { ok: false, reason: 'unauthenticated' };
  const membership = await findMembership(db, viewer.userId);
  return { ok: true, membership, name: person.name };
}

/**
 * An agreement (a shared document of kind 'agreement') that the viewer may see. Anyone else,
 * including for a document of another kind, gets "not found".
 */
export async function requireAgreement(db: Executor, viewer: Viewer, documentId: string): Promise<SpaceDocumentAccess> {
  const access = await requireDocument(db, viewer, documentId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not-found') throw notFound('That agreement');
    throw error;
  });
  if (access.document.kind !== 'agreement' || !access.membership || access.document.spaceId === null) throw notFound('That agreement');
  return access as SpaceDocumentAccess;
}

/* ---------- Feelings notes and the private journal ---------- */

/** What someone wants to do with a note. */
export type NoteAction = 'view' | 'edit-draft' | 'share' | 'retract' | 'acknowledge' | 'reply';

export type NoteDecision =
  | { allowed: true; isAuthor: boolean; canSeeContent: boolean }
  | { allowed: false; refusal: 'not-found' | 'forbidden' | 'conflict' | 'gone'; message: string };

const NOTE_NOT_FOUND = 'That note could not be found.';

/**
 * The note rules as a pure function of the note's status and who asks (a member of the note's
 * space; everyone else was turned away before). A draft does not exist for the partner, on every
 * action; a retracted note exists for the partner only as "a note was retracted", without content.
 */
export function decideNoteAccess(note: Pick<NoteRow, 'status' | 'authorId'>, userId: string, action: NoteAction): NoteDecision {
  const isAuthor = note.authorId === userId;
  if (!isAuthor && note.status === 'draft') return { allowed: false, refusal: 'not-found', message: NOTE_NOT_FOUND };
  const allow = { allowed: true as const, isAuthor, canSeeContent: isAuthor || note.status === 'shared' };
  switch (action) {
    case 'view':
      return allow;
    case 'edit-draft':
    case 'share':
      if (!isAuthor) return { allowed: false, refusal: 'forbidden', message: 'Only the person who wrote a note can change or share it.' };
      if (note.status !== 'draft') return { allowed: false, refusal: 'conflict', message: note.status === 'shared' ? 'This note is already shared, so it can no longer be changed.' : 'This note was retracted.' };
      return allow;
    case 'retract':
      if (!isAuthor) return { allowed: false, refusal: 'forbidden', message: 'Only the person who wrote a note can retract it.' };
      if (note.status !== 'shared') return { allowed: false, refusal: 'conflict', message: note.status === 'draft' ? 'This note is still a private draft: there is nothing to retract.' : 'This note was already retracted.' };
      return allow;
    case 'acknowledge':
      if (isAuthor) return { allowed: false, refusal: 'forbidden', message: 'Your partner acknowledges your note; you cannot acknowledge your own.' };
      if (note.status === 'retracted') return { allowed: false, refusal: 'gone', message: 'This note was retracted by its author.' };
      return allow;
    case 'reply':
      if (note.status === 'retracted') return { allowed: false, refusal: 'gone', message: 'This note was retracted by its author.' };
      if (note.status === 'draft') return { allowed: false, refusal: 'conflict', message: 'Share the note first; then you can talk about it together.' };
      return allow;
  }
}

export type NoteAccess = { note: NoteRow; membership: Membership; isAuthor: boolean; canSeeContent: boolean };

/**
 * Route- and action-facing note check. Anonymous: "please sign in"; a stranger, and the partner
 * asking about a draft: "not found", so they do not learn that it exists. With `lock`, the note row is
 * locked for the caller's transaction, so a share and an edit (or two acknowledgements) cannot cross.
 */
export async function requireNote(db: Executor, viewer: Viewer, noteId: string, action: NoteAction, options: { lock?: boolean } = {}): Promise<NoteAccess> {
  const { userId } = requireViewer(viewer);
  if (!isUuid(noteId)) throw notFound('That note');
  const query = db.select().from(notes).where(eq(notes.id, noteId)).limit(1);
  const [note] = options.lock ? await query.for('update') : await query;
  if (!note) throw notFound('That note');
  const membership = await findSpaceMembership(db, userId, note.spaceId);
  if (!membership) throw notFound('That note');
  const decision = decideNoteAccess(note, userId, action);
  if (!decision.allowed) {
    if (decision.refusal === 'not-found') throw notFound('That note');
    if (decision.refusal === 'forbidden') throw forbidden(decision.message);
    if (decision.refusal === 'gone') throw new AppError('gone', decision.message);
    throw conflict(decision.message);
  }
  if (action !== 'view') checkIntent(membership, 'write');
  return { note, membership, isAuthor: decision.isAuthor, canSeeContent: decision.canSeeContent };
}

/**
 * A journal entry exists for its owner only. Everyone else (the partner included) gets "not found",
 * exactly as for an id that was never used, so nobody learns that an entry exists. It needs no space:
 * the journal belongs to the person.
 */
export async function requireJournalEntry(db: Executor, viewer: Viewer, entryId: string, options: { lock?: boolean } = {}): Promise<{ entry: JournalEntryRow }> {
  const { userId } = requireViewer(viewer);
  if (!isUuid(entryId)) throw notFound('That journal entry');
  const query = db.select().from(journalEntries).where(and(eq(journalEntries.id, entryId), eq(journalEntries.ownerId, userId))).limit(1);
  const [entry] = options.lock ? await query.for('update') : await query;
  if (!entry) throw notFound('That journal entry');
  return { entry };
}

/* ---------- Agreement history, versions and signatures ---------- */

/** Reading an agreement's timeline, past states, diffs, versions and exports: the two members, nobody else. */
export async function requireAgreementHistory(db: Executor, viewer: Viewer, documentId: string): Promise<SpaceDocumentAccess> {
  return requireAgreement(db, viewer, documentId);
}

/**
 * Proposing, signing, asking for changes and restoring: the two members, while the agreement is not
 * archived (an archived agreement is read-only for both, so nothing may be signed into it).
 */
export async function requireAgreementSigner(db: Executor, viewer: Viewer, documentId: string): Promise<SpaceDocumentAccess> {
  const access = await requireAgreement(db, viewer, documentId);
  checkIntent(access.membership, 'write');
  if (access.mode !== 'edit') throw new AppError('forbidden', 'This agreement is archived. Bring it back from the archive to change or sign it.');
  return access;
}

/* ---------- Live conversations ---------- */

/**
 * A conversation of the viewer's space. A stranger, and anyone signed out, gets "not found"; whether
 * the viewer is one of its two participants is the protocol's own rule (conversation-machine.ts).
 */
export async function requireConversation(db: Executor, viewer: Viewer, conversationId: string, intent: SpaceIntent = 'write'): Promise<{ conversation: ConversationRow; membership: Membership }> {
  const { userId } = requireViewer(viewer);
  if (!isUuid(conversationId)) throw notFound('That conversation');
  const [conversation] = await db.select().from(conversations).where(eq(conversations.id, conversationId)).limit(1);
  if (!conversation) throw notFound('That conversation');
  const membership = await findSpaceMembership(db, userId, conversation.spaceId);
  if (!membership) throw notFound('That conversation');
  return { conversation, membership: checkIntent(membership, intent) };
}

/**
 * One of the two people in a conversation that is still going, in their open space: the only ones
 * who may reach each other through it live (call signalling, the speaker's words). Everyone else
 * (signed out, a stranger, a member of another space, a former partner, anyone once it has ended or
 * its space has closed) gets "not found". Returns who the other participant is, so live frames go
 * to that person only.
 */
export async function requireConversationParticipant(db: Executor, viewer: Viewer, conversationId: string): Promise<{ conversation: ConversationRow; membership: Membership; partnerId: string }> {
  const { conversation, membership } = await requireConversation(db, viewer, conversationId, 'read');
  if (membership.closed || conversation.endedAt !== null) throw notFound('That conversation');
  const [first] = await db
    .select({ data: conversationEvents.data })
    .from(conversationEvents)
    .where(and(eq(conversationEvents.conversationId, conversation.id), eq(conversationEvents.seq, 1)))
    .limit(1);
  const invited = first?.data.partnerId;
  const proposer = conversation.proposedBy;
  if (typeof invited !== 'string' || !proposer || (membership.userId !== proposer && membership.userId !== invited)) throw notFound('That conversation');
  return { conversation, membership, partnerId: membership.userId === proposer ? invited : proposer };
}

/* ---------- Commitments and their check-ins ---------- */

/**
 * May `viewerId` see the check-in that `ownerId` gave for one period of a commitment? Their own,
 * always. The partner's only once the viewer has given their own view of that period, or once the
 * period has ended: neither can be anchored by the other's answer, and nobody waits forever. Every
 * read model (pages, live events, the activity list) asks this before a check-in leaves the server.
 */
export function decideCommitmentCheckInVisibility(input: { ownerId: string; viewerId: string; viewerHasCheckedIn: boolean; periodEnded: boolean }): boolean {
  if (input.ownerId === input.viewerId) return true;
  return input.viewerHasCheckedIn || input.periodEnded;
}

/** What someone wants to do with a commitment. */
export type CommitmentAction = 'view' | 'accept' | 'decline' | 'pause' | 'resume' | 'change' | 'complete' | 'check-in';

export type CommitmentDecision = { allowed: true; isOwner: boolean } | { allowed: false; refusal: 'forbidden' | 'conflict'; message: string };

const OWNER_ONLY: Record<Exclude<CommitmentAction, 'view' | 'check-in'>, { from: CommitmentStatus[]; who: string; wrongState: string }> = {
  accept: { from: ['requested'], who: 'Only the person a commitment was asked of can accept it.', wrongState: 'This commitment is no longer waiting for an answer.' },
  decline: { from: ['requested'], who: 'Only the person a commitment was asked of can decline it.', wrongState: 'This commitment is no longer waiting for an answer.' },
  pause: { from: ['active'], who: 'Only the person who made a commitment can pause it.', wrongState: 'Only an active commitment can be paused.' },
  resume: { from: ['paused'], who: 'Only the person who made a commitment can resume it.', wrongState: 'Only a paused commitment can be resumed.' },
  change: { from: ['active', 'paused'], who: 'Only the person who made a commitment can change its words.', wrongState: 'This commitment can no longer change.' },
  complete: { from: ['active', 'paused'], who: 'Only the person who made a commitment can complete it.', wrongState: 'This commitment can no longer be completed.' },
};

const CHECK_IN_REFUSALS: Partial<Record<CommitmentStatus, string>> = {
  requested: 'This commitment has not been accepted yet, so there is nothing to check in on.',
  declined: 'This commitment was declined, so there is nothing to check in on.',
  paused: 'This commitment is paused. Check-ins start again when it is resumed.',
  completed: 'This commitment is complete, so it takes no more check-ins.',
};

/**
 * The commitment rules as a pure function of its status and who asks (a member of its space;
 * everyone else was turned away before). Both members see every commitment, asked-for and declined
 * ones included: a commitment is said to the partner, never a private draft. Only the owner (the
 * person committing, or the one it was asked of) answers, pauses, resumes, changes or completes it;
 * both give their view of its periods while it is active.
 */
export function decideCommitmentAccess(commitment: Pick<CommitmentRow, 'status' | 'ownerId'>, userId: string, action: CommitmentAction): CommitmentDecision {
  const isOwner = commitment.ownerId === userId;
  if (action === 'view') return { allowed: true, isOwner };
  if (action === 'check-in') {
    const refusal = CHECK_IN_REFUSALS[commitment.status];
    return refusal ? { allowed: false, refusal: 'conflict', message: refusal } : { allowed: true, isOwner };
  }
  const rule = OWNER_ONLY[action];
  if (!isOwner) return { allowed: false, refusal: 'forbidden', message: rule.who };
  if (!rule.from.includes(commitment.status)) return { allowed: false, refusal: 'conflict', message: rule.wrongState };
  return { allowed: true, isOwner };
}

export type CommitmentAccess = { commitment: CommitmentRow; membership: Membership; isOwner: boolean };

/**
 * Route- and action-facing commitment check. Anonymous: "please sign in"; a stranger and a partner
 * who left: "not found". Anything but viewing needs an open space. With `lock`, the row is locked for
 * the caller's transaction so two steps (a pause and a change, two acceptances) cannot cross.
 */
export async function requireCommitment(db: Executor, viewer: Viewer, commitmentId: string, action: CommitmentAction, options: { lock?: boolean } = {}): Promise<CommitmentAccess> {
  const { userId } = requireViewer(viewer);
  if (!isUuid(commitmentId)) throw notFound('That commitment');
  const query = db.select().from(commitments).where(eq(commitments.id, commitmentId)).limit(1);
  const [commitment] = options.lock ? await query.for('update') : await query;
  if (!commitment) throw notFound('That commitment');
  const membership = await findSpaceMembership(db, userId, commitment.spaceId);
  if (!membership) throw notFound('That commitment');
  if (action !== 'view') checkIntent(membership, 'write');
  const decision = decideCommitmentAccess(commitment, userId, action);
  if (!decision.allowed) throw decision.refusal === 'forbidden' ? forbidden(decision.message) : conflict(decision.message);
  return { commitment, membership, isOwner: decision.isOwner };
}

/* ---------- Amends ---------- */

/** What someone wants to do with an amend. */
export type AmendAction = 'view' | 'edit-draft' | 'offer' | 'delete-draft' | 'withdraw' | 'receive' | 'add-affected';

export type AmendDecision =
  | { allowed: true; isAuthor: boolean; canSeeContent: boolean }
  | { allowed: false; refusal: 'not-found' | 'forbidden' | 'conflict' | 'gone'; message: string };

const AMEND_NOT_FOUND = 'That amend could not be found.';
const AMEND_WITHDRAWN = 'This amend was withdrawn by the person who wrote it.';

/**
 * The amend rules as a pure function of the amend's status and who asks (a member of its space;
 * everyone else was turned away before). A draft does not exist for the partner, on any action. Once
 * offered, both read it; only the partner says they received it or writes how it affected them, and
 * only the author withdraws it. A withdrawn amend exists for the partner only as "an amend was
 * withdrawn": never its words again.
 */
export function decideAmendAccess(amend: Pick<AmendRow, 'status' | 'authorId'>, userId: string, action: AmendAction): AmendDecision {
  const isAuthor = amend.authorId === userId;
  if (!isAuthor && amend.status === 'draft') return { allowed: false, refusal: 'not-found', message: AMEND_NOT_FOUND };
  const allow = { allowed: true as const, isAuthor, canSeeContent: isAuthor || amend.status === 'offered' };
  switch (action) {
    case 'view':
      return allow;
    case 'edit-draft':
    case 'offer':
    case 'delete-draft':
      if (!isAuthor) return { allowed: false, refusal: 'forbidden', message: 'Only the person who wrote an amend can change, offer or delete it.' };
      if (amend.status !== 'draft') return { allowed: false, refusal: 'conflict', message: amend.status === 'offered' ? 'This amend was already offered, so its words stay as they were offered.' : 'This amend was withdrawn.' };
      return allow;
    case 'withdraw':
      if (!isAuthor) return { allowed: false, refusal: 'forbidden', message: 'Only the person who wrote an amend can withdraw it.' };
      if (amend.status !== 'offered') return { allowed: false, refusal: 'conflict', message: amend.status === 'draft' ? 'This amend is still a private draft: there is nothing to withdraw.' : 'This amend was already withdrawn.' };
      return allow;
    case 'receive':
    case 'add-affected':
      if (isAuthor) return { allowed: false, refusal: 'forbidden', message: 'Your partner answers an amend you offer; you cannot answer your own.' };
      if (amend.status === 'withdrawn') return { allowed: false, refusal: 'gone', message: AMEND_WITHDRAWN };
      return allow;
  }
}

export type AmendAccess = { amend: AmendRow; membership: Membership; isAuthor: boolean; canSeeContent: boolean };

/**
 * Route- and action-facing amend check. Anonymous: "please sign in"; a stranger, a partner who left,
 * and the partner asking about a draft: "not found", so they do not learn that it exists. Anything
 * but viewing needs an open space. With `lock`, the row is locked for the caller's transaction, so an
 * offer and an edit (or a withdrawal and a response) cannot cross.
 */
export async function requireAmend(db: Executor, viewer: Viewer, amendId: string, action: AmendAction, options: { lock?: boolean } = {}): Promise<AmendAccess> {
  const { userId } = requireViewer(viewer);
  if (!isUuid(amendId)) throw notFound('That amend');
  const query = db.select().from(amends).where(eq(amends.id, amendId)).limit(1);
  const [amend] = options.lock ? await query.for('update') : await query;
  if (!amend) throw notFound('That amend');
  const membership = await findSpaceMembership(db, userId, amend.spaceId);
  if (!membership) throw notFound('That amend');
  const decision = decideAmendAccess(amend, userId, action);
  if (!decision.allowed) {
    if (decision.refusal === 'not-found') throw notFound('That amend');
    if (decision.refusal === 'forbidden') throw forbidden(decision.message);
    if (decision.refusal === 'gone') throw new AppError('gone', decision.message);
    throw conflict(decision.message);
  }
  if (action !== 'view') checkIntent(membership, 'write');
  return { amend, membership, isAuthor: decision.isAuthor, canSeeContent: decision.canSeeContent };
}

/* ---------- Shared experiences and memory photos ---------- */

import { experienceMemories, experiences, photos, type ExperienceRow, type PhotoRow } from '../../drizzle/schema';

export type ExperienceAccess = { experience: ExperienceRow; membership: Membership };

/**
 * An experience on the couple's shared list. Both members may read it and, while the space is open,
 * add to it, plan it, mark it done and write their own memory of it; in a closed space it is read
 * only. Anonymous: "please sign in"; a stranger and the partner who left: "not found". With `lock`,
 * the row is locked for the caller's transaction, so two partners marking it done (or one planning
 * while the other deletes) cannot cross.
 */
export async function requireExperience(
  db: Executor,
  viewer: Viewer,
  experienceId: string,
  intent: SpaceIntent = 'write',
  options: { lock?: boolean } = {},
): Promise<ExperienceAccess> {
  const { userId } = requireViewer(viewer);
  if (!isUuid(experienceId)) throw notFound('That experience');
  const query = db.select().from(experiences).where(eq(experiences.id, experienceId)).limit(1);
  const [experience] = options.lock ? await query.for('update') : await query;
  if (!experience) throw notFound('That experience');
  const membership = await findSpaceMembership(db, userId, experience.spaceId);
  if (!membership) throw notFound('That experience');
  return { experience, membership: checkIntent(membership, intent) };
}

export type PhotoAccess = { photo: PhotoRow; membership: Membership };

/**
 * A memory's photo: the two members of the photo's space may see it (in a closed space too, where
 * it is read only like everything else); everyone else, the partner who left included, gets "not
 * found", exactly as for an id that was never used. A photo that belongs to no memory (never the
 * case after a committed upload) is served to nobody.
 */
export async function requirePhoto(db: Executor, viewer: Viewer, photoId: string): Promise<PhotoAccess> {
  const { userId } = requireViewer(viewer);
  if (!isUuid(photoId)) throw notFound('That photo');
  const [photo] = await db.select().from(photos).where(eq(photos.id, photoId)).limit(1);
  if (!photo) throw notFound('That photo');
  const membership = await findSpaceMembership(db, userId, photo.spaceId);
  if (!membership) throw notFound('That photo');
  const [memory] = await db
    .select({ id: experienceMemories.id })
    .from(experienceMemories)
    .innerJoin(experiences, eq(experiences.id, experienceMemories.experienceId))
    .where(and(eq(experienceMemories.photoId, photo.id), eq(experiences.spaceId, photo.spaceId)))
    .limit(1);
  if (!memory) throw notFound('That photo');
  return { photo, membership };
}
