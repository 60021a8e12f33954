/**
 * Mend's one database schema. Every table lives here; migrations in ./migrations are generated
 * from this file by `npm run db:generate` (drizzle-kit) and committed, never written by hand.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Drizzle 0.45 has no bytea column. PGlite reads it back as Uint8Array, postgres.js as Buffer (a Uint8Array too). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayLike<number>)),
});

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** Stored trimmed and lower-cased; see normaliseEmail. */
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
  /**
   * Set when the person deleted their account. The row stays as a tombstone (name replaced by
   * DELETED_ACCOUNT_NAME, email and password made unusable) so that what they shared and the partner
   * keeps (agreement text, signatures, shared notes, replies) stays attributed to "former partner
   * (account deleted)" and never to Mend. Everything private of theirs is deleted for good.
   */
  deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
});
export type User = typeof users.$inferSelect;

/**
 * One signed-in device. The session cookie (a JWT) carries this row's id, and every request checks
 * that the row still exists and is not revoked, so signing out, "sign out everywhere", a password
 * change and deleting the account end sessions for real instead of waiting for the cookie to expire.
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** A short description of the browser ("Chrome on Linux"), for the person's list of devices. */
    userAgent: text('user_agent').notNull().default(''),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);
export type UserSession = typeof userSessions.$inferSelect;

export const spaces = pgTable('spaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  /**
   * A space belongs to the two people who formed it. When one of them leaves (or deletes their
   * account) it closes for good: nothing in it changes again, the one who stayed keeps read-only
   * access and an export, and a new partner means a new space.
   */
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  /** Who left, closing it (null when the space was never shared, or for a tombstone's reasons). */
  closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'set null' }),
});
export type Space = typeof spaces.$inferSelect;

/**
 * A space has two seats. The (space, seat) unique index and the seat check make "at most two
 * members" a property of the database itself, not only of the code that inserts rows: two
 * invites accepted at the same instant cannot both take the same free seat.
 * A person belongs to at most one open space (unique user_id among rows with ended_at null). The
 * person who stays when their partner leaves keeps their row with ended_at set: read-only access to
 * the closed space, while they are free to start a new one. The person who leaves loses their row.
 */
export const spaceMembers = pgTable(
  'space_members',
  {
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    seat: smallint('seat').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Set when the space closed: from then on this member may only read and export it. */
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    /** When this person last looked at the space's activity: what came after is marked new for them. */
    lastLookedAt: timestamp('last_looked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.spaceId, t.userId] }),
    uniqueIndex('space_members_seat_unique').on(t.spaceId, t.seat),
    uniqueIndex('space_members_user_unique').on(t.userId).where(sql`${t.endedAt} is null`),
    check('space_members_seat_range', sql`${t.seat} between 1 and 2`),
  ],
);
export type SpaceMember = typeof spaceMembers.$inferSelect;

export const spaceInvites = pgTable(
  'space_invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    /** SHA-256 of the token in the link; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    usedBy: uuid('used_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('space_invites_space_idx').on(t.spaceId)],
);
export type SpaceInvite = typeof spaceInvites.$inferSelect;

/**
 * Failed sign-in counters (server/auth/sign-in-throttle.ts), keyed by "account:<email>|<client address>"
 * and "ip:<address>": a stranger typing someone's email wrongly slows down only their own attempts.
 */
export const signInAttempts = pgTable('sign_in_attempts', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'date' }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
});

/**
 * What happened in a space that both partners may see ("Sam signed version 4").
 * Only shared events go here: nothing private (journal, drafts) is ever recorded.
 * Written in the same transaction as the change it records.
 */
export const activity = pgTable(
  'activity',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('activity_space_created_idx').on(t.spaceId, t.createdAt)],
);
export type Activity = typeof activity.$inferSelect;

/**
 * A collaborative (Yjs) document. `kind` decides who may open it (server/access/authorization.ts):
 * shared kinds are open to both members; private kinds only to `ownerId`.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null only for journal entries: the journal belongs to the person, not to a couple's space. */
    spaceId: uuid('space_id').references(() => spaces.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<DocumentKind>().notNull(),
    /** Set for private documents (journal entries, note drafts): the only person who may open them. */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('documents_space_kind_idx').on(t.spaceId, t.kind),
    index('documents_owner_idx').on(t.ownerId),
    check('documents_space_unless_journal', sql`${t.kind} = 'journal' or ${t.spaceId} is not null`),
  ],
);
export type DocumentKind = 'agreement' | 'journal' | 'note' | 'session-next-steps';
export type DocumentRow = typeof documents.$inferSelect;

/**
 * The append-only log of every Yjs update the server applied, with its authenticated author.
 * Rows are never rewritten (history reads them); only deleting a private document removes them.
 */
export const documentUpdates = pgTable(
  'document_updates',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    update: bytea('update').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.seq] })],
);
export type DocumentUpdate = typeof documentUpdates.$inferSelect;

/**
 * Which authenticated person first wrote under each Yjs client id of a document. Yjs attributes
 * every character to a client id chosen by the browser; binding it to the person at the server
 * means nobody can write text that history would attribute to their partner (a connection whose
 * update carries someone else's client id is refused). Null user: Mend's own edits (templates).
 */
export const documentClients = pgTable(
  'document_clients',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.clientId] })],
);
export type DocumentClientRow = typeof documentClients.$inferSelect;

/** Compacted full state of a document after update `seq`, so loading never replays the whole log. */
export const documentSnapshots = pgTable(
  'document_snapshots',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    state: bytea('state').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.seq] })],
);

/* ---------- Emotional-transparency notes ---------- */

export type NoteStatus = 'draft' | 'shared' | 'retracted';

/**
 * A feelings note. "What happened" lives in its own Yjs document (kind 'note', owned by the author)
 * so a draft autosaves and syncs across the author's devices; the rest is plain columns.
 * A draft is the author's alone (server/access/authorization.ts); a retracted note keeps its row so
 * the partner can be told "a note was retracted", but its content is never shown to them again.
 */
export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id')
      .notNull()
      .unique()
      .references(() => documents.id, { onDelete: 'cascade' }),
    whatINeed: text('what_i_need').notNull().default(''),
    status: text('status').$type<NoteStatus>().notNull().default('draft'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    sharedAt: timestamp('shared_at', { withTimezone: true, mode: 'date' }),
    retractedAt: timestamp('retracted_at', { withTimezone: true, mode: 'date' }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'date' }),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id, { onDelete: 'set null' }),
    acknowledgementResponse: text('acknowledgement_response'),
  },
  (t) => [
    index('notes_space_created_idx').on(t.spaceId, t.createdAt),
    check('notes_status_known', sql`${t.status} in ('draft', 'shared', 'retracted')`),
  ],
);
export type NoteRow = typeof notes.$inferSelect;

/** The feelings a note names, in the author's order. `family` is a vocabulary group or 'own'. */
export const noteFeelings = pgTable(
  'note_feelings',
  {
    noteId: uuid('note_id')
      .notNull()
      .references(() => notes.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    family: text('family').notNull(),
    word: text('word').notNull(),
    /** True when the author typed the word themselves instead of picking it from the vocabulary. */
    ownWords: boolean('own_words').notNull().default(false),
    intensity: smallint('intensity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.noteId, t.position] }),
    index('note_feelings_family_idx').on(t.family),
    check('note_feelings_intensity_range', sql`${t.intensity} between 1 and 5`),
  ],
);
export type NoteFeelingRow = typeof noteFeelings.$inferSelect;

export const noteReplies = pgTable(
  'note_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noteId: uuid('note_id')
      .notNull()
      .references(() => notes.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('note_replies_note_idx').on(t.noteId, t.createdAt)],
);
export type NoteReplyRow = typeof noteReplies.$inferSelect;

/* ---------- Private journal ---------- */

/**
 * A journal entry: its text is a Yjs document of kind 'journal' (owner only). Deleting the document
 * deletes this row, its update log and snapshots by cascade, so "delete for good" is one statement.
 * It belongs to the person, not to a space: it survives leaving and works with no space at all.
 */
export const journalEntries = pgTable(
  'journal_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id')
      .notNull()
      .unique()
      .references(() => documents.id, { onDelete: 'cascade' }),
    entryDate: date('entry_date', { mode: 'string' }).notNull(),
    feelings: jsonb('feelings').$type<Array<{ family: string; word: string; ownWords: boolean; intensity: number }>>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('journal_entries_owner_date_idx').on(t.ownerId, t.entryDate)],
);
export type JournalEntryRow = typeof journalEntries.$inferSelect;

/* ---------- Live conversations ---------- */

/**
 * One honest conversation. Its truth is the append-only event log below; this row is the index the
 * space page lists and the partial unique index that allows one open conversation per space at a
 * time (ended_at is set in the same transaction as the 'end' event).
 */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    topic: text('topic').notNull(),
    createdAt: createdAt(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('conversations_space_created_idx').on(t.spaceId, t.createdAt),
    uniqueIndex('conversations_one_open_per_space').on(t.spaceId).where(sql`${t.endedAt} is null`),
  ],
);
export type ConversationRow = typeof conversations.$inferSelect;

/**
 * Every accepted protocol event, in order. (conversation_id, seq) is the primary key, so two events
 * computed from the same state cannot both be stored: the second writer retries on the new state.
 * Actors are kept as plain ids (no foreign key) so the record stays whole if an account is deleted.
 */
export const conversationEvents = pgTable(
  'conversation_events',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    actorId: uuid('actor_id').notNull(),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.seq] })],
);
export type ConversationEventRow = typeof conversationEvents.$inferSelect;

/* ---------- Agreement history: versions, signatures, restorations ---------- */

/**
 * A proposed version of an agreement: its canonical text at update `seq` of the log. Versions and
 * signatures of one agreement form one hash chain (server/domain/history/hash-chain.ts), ordered by
 * chain_position across both tables; writers lock the agreement's documents row so two records can
 * never take the same position. People are kept as plain ids (no foreign key) so the signed record
 * stays whole, and verifiable, even if an account is deleted.
 */
export const agreementVersions = pgTable(
  'agreement_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    /** The last update of the log included (0: the empty document). */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    content: text('content').notNull(),
    note: text('note'),
    proposedBy: uuid('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true, mode: 'date' }).notNull(),
    chainPosition: integer('chain_position').notNull(),
    previousHash: text('previous_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('agreement_versions_number_unique').on(t.documentId, t.number),
    uniqueIndex('agreement_versions_position_unique').on(t.documentId, t.chainPosition),
  ],
);
export type AgreementVersionRow = typeof agreementVersions.$inferSelect;

export const agreementSignatures = pgTable(
  'agreement_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => agreementVersions.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    signerId: uuid('signer_id').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull(),
    chainPosition: integer('chain_position').notNull(),
    previousHash: text('previous_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('agreement_signatures_signer_unique').on(t.versionId, t.signerId),
    uniqueIndex('agreement_signatures_position_unique').on(t.documentId, t.chainPosition),
  ],
);
export type AgreementSignatureRow = typeof agreementSignatures.$inferSelect;

/** "Not yet: could we change …": closes a proposal without signing it. */
export const agreementChangeRequests = pgTable(
  'agreement_change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => agreementVersions.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').notNull(),
    comment: text('comment').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('agreement_change_requests_version_unique').on(t.versionId)],
);
export type AgreementChangeRequestRow = typeof agreementChangeRequests.$inferSelect;

/** Marks the update that restored an earlier state, so the timeline can say "restored from version 2". */
export const agreementRestorations = pgTable(
  'agreement_restorations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    /** The update that did it; null when the restored state already matched (nothing to apply). */
    seq: bigint('seq', { mode: 'number' }),
    restoredFromSeq: bigint('restored_from_seq', { mode: 'number' }).notNull(),
    restoredFromVersion: integer('restored_from_version'),
    restoredBy: uuid('restored_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('agreement_restorations_document_idx').on(t.documentId, t.seq)],
);
export type AgreementRestorationRow = typeof agreementRestorations.$inferSelect;

/* ---------- Accountability: amends and commitments ---------- */

export type AmendStatus = 'draft' | 'offered' | 'withdrawn';

/**
 * An amend, by the person who caused the hurt: what I did, how I understand it affected you, and the
 * commitments that repair it (amend_commitments). A private draft until offered, like a note; once
 * offered its words never change. The partner may say they received it, with optional words of their
 * own and, separately, how it affected them in their own words. Nothing here scores or expects
 * forgiveness. A withdrawn amend keeps its row so the partner can be told it was withdrawn, but its
 * words are never shown to them again.
 */
export const amends = pgTable(
  'amends',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    whatIDid: text('what_i_did').notNull(),
    howItAffectedYou: text('how_it_affected_you').notNull().default(''),
    status: text('status').$type<AmendStatus>().notNull().default('draft'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    offeredAt: timestamp('offered_at', { withTimezone: true, mode: 'date' }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'date' }),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }),
    receivedBy: uuid('received_by').references(() => users.id, { onDelete: 'set null' }),
    /** The partner's own words when receiving it (optional). */
    receivedWords: text('received_words'),
    /** "How it affected me", in the partner's own words, shown beside the author's understanding. */
    partnerAffected: text('partner_affected'),
  },
  (t) => [
    index('amends_space_created_idx').on(t.spaceId, t.createdAt),
    check('amends_status_known', sql`${t.status} in ('draft', 'offered', 'withdrawn')`),
  ],
);
export type AmendRow = typeof amends.$inferSelect;

/** "What I am doing to repair it": the commitments an amend links to. */
export const amendCommitments = pgTable(
  'amend_commitments',
  {
    amendId: uuid('amend_id')
      .notNull()
      .references(() => amends.id, { onDelete: 'cascade' }),
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.amendId, t.commitmentId] })],
);

/**
 * How often a commitment is checked in on (server/domain/commitments/periods.ts turns it into
 * periods in the committer's time zone): every day; on chosen weekdays (0 = Sunday … 6 = Saturday);
 * every N days from the start date; or once, by a date.
 */
export type Cadence = { kind: 'daily' } | { kind: 'weekly'; days: number[] } | { kind: 'every'; days: number } | { kind: 'once'; by: string };

export type CommitmentStatus = 'requested' | 'declined' | 'active' | 'paused' | 'completed';

/**
 * "I will …", by the person committing (owner). The partner may ask for one (status 'requested',
 * requested_by set), which the owner accepts (it becomes 'active' and theirs) or declines with a
 * note. The text lives in commitment_versions (a change is a new version, history kept); every step
 * (accept, pause, resume, change, complete) is a commitment_steps row and an activity item, so
 * nothing is ever rewritten. Periods are computed in `time_zone`, the committer's, so "this week"
 * is theirs.
 */
export const commitments = pgTable(
  'commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    status: text('status').$type<CommitmentStatus>().notNull(),
    cadence: jsonb('cadence').$type<Cadence>().notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    reviewDate: date('review_date', { mode: 'string' }),
    timeZone: text('time_zone').notNull().default('UTC'),
    /** The agreement clause it keeps, by the Yjs item id of that block (stable across edits), and its text when linked. */
    clauseDocumentId: uuid('clause_document_id').references(() => documents.id, { onDelete: 'set null' }),
    clauseClient: bigint('clause_client', { mode: 'number' }),
    clauseClock: bigint('clause_clock', { mode: 'number' }),
    clauseText: text('clause_text'),
    /** The conversation whose next step it came from, if any. */
    sourceConversationId: uuid('source_conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('commitments_space_idx').on(t.spaceId, t.createdAt),
    check('commitments_status_known', sql`${t.status} in ('requested', 'declined', 'active', 'paused', 'completed')`),
  ],
);
export type CommitmentRow = typeof commitments.$inferSelect;

/** Every wording a commitment has had, newest last; the current text is the highest number. */
export const commitmentVersions = pgTable(
  'commitment_versions',
  {
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    text: text('text').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.commitmentId, t.number] })],
);

export type CommitmentStepType = 'requested' | 'accepted' | 'declined' | 'created' | 'paused' | 'resumed' | 'changed' | 'completed';

/** The record of what happened to a commitment, with the note the person gave (declined, completed…). */
export const commitmentSteps = pgTable(
  'commitment_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id, { onDelete: 'cascade' }),
    type: text('type').$type<CommitmentStepType>().notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('commitment_steps_commitment_idx').on(t.commitmentId, t.createdAt)],
);

export type CheckInValue = 'kept' | 'partly' | 'not-yet';

/**
 * One person's view of one period of a commitment: the committer's and, separately, the partner's.
 * Each sees the other's view of a period only once both have checked in or the period has ended (no
 * anchoring), decided by the server (server/access/authorization.ts).
 */
export const commitmentCheckIns = pgTable(
  'commitment_check_ins',
  {
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id, { onDelete: 'cascade' }),
    /** The period's first day (YYYY-MM-DD) in the commitment's time zone. */
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    value: text('value').$type<CheckInValue>().notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.commitmentId, t.periodStart, t.personId] }),
    check('commitment_check_ins_value_known', sql`${t.value} in ('kept', 'partly', 'not-yet')`),
  ],
);
export type CommitmentCheckInRow = typeof commitmentCheckIns.$inferSelect;

/* ---------- Shared experiences and memories ---------- */

export type ExperienceStatus = 'idea' | 'planned' | 'done';

/** A positive thing to do together: an idea, then planned for a time, then done. */
export const experiences = pgTable(
  'experiences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    notes: text('notes').notNull().default(''),
    link: text('link'),
    /** The built-in suggestion it started from, if any. */
    suggestionId: text('suggestion_id'),
    status: text('status').$type<ExperienceStatus>().notNull().default('idea'),
    plannedFor: timestamp('planned_for', { withTimezone: true, mode: 'date' }),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('experiences_space_idx').on(t.spaceId, t.createdAt),
    check('experiences_status_known', sql`${t.status} in ('idea', 'planned', 'done')`),
  ],
);
export type ExperienceRow = typeof experiences.$inferSelect;

/**
 * A photo for a memory, re-encoded on upload with every bit of metadata (location!) stripped, stored
 * in the database so only the two members can fetch it and it goes with the memory or the account.
 */
export const photos = pgTable('photos', {
  id: uuid('id').primaryKey().defaultRandom(),
  spaceId: uuid('space_id')
    .notNull()
    .references(() => spaces.id, { onDelete: 'cascade' }),
  ownerId: uuid('owner_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  mimeType: text('mime_type').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  bytes: bytea('bytes').notNull(),
  createdAt: createdAt(),
});
export type PhotoRow = typeof photos.$inferSelect;

/** Each partner's own memory of a done experience: a few lines and an optional photo. One each. */
export const experienceMemories = pgTable(
  'experience_memories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    experienceId: uuid('experience_id')
      .notNull()
      .references(() => experiences.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    photoId: uuid('photo_id').references(() => photos.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('experience_memories_one_each').on(t.experienceId, t.authorId)],
);
export type ExperienceMemoryRow = typeof experienceMemories.$inferSelect;

/* ---------- Accounts a person can trust, and discreet notices ---------- */

export type EmailTokenPurpose = 'password-reset' | 'email-change';

/**
 * Single-use links sent by email: a password reset, or confirming a new email address. Only the
 * SHA-256 of the token is stored (a leaked database holds no working link); each has a short life
 * and is marked used in the same transaction that acts on it.
 */
export const emailTokens = pgTable(
  'email_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<EmailTokenPurpose>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** For an email change: the address being confirmed. */
    newEmail: text('new_email'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId, t.purpose)],
);
export type EmailTokenRow = typeof emailTokens.$inferSelect;

/**
 * Two-step sign-in with an authenticator app (TOTP). The secret is stored encrypted with a key
 * derived from the auth secret; `lastUsedStep` refuses a code used twice. A row with enabledAt null
 * is a setup not yet confirmed with a first code.
 */
export const twoFactor = pgTable('two_factor', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretEncrypted: text('secret_encrypted').notNull(),
  enabledAt: timestamp('enabled_at', { withTimezone: true, mode: 'date' }),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: createdAt(),
});

/** Ten single-use recovery codes for two-step sign-in, stored hashed. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/**
 * What a person chose to be told outside the app, per kind and per channel (all off by default),
 * when not (quiet hours in their time zone), and under which name (a neutral name for the app, so
 * a lock screen or an inbox says nothing about what Mend is). The unsubscribe link in every email
 * carries a token whose hash is kept here.
 */
export const noticePreferences = pgTable('notice_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Kinds turned on, per channel: { email: ['note-shared', …], push: [ … ] }. */
  kinds: jsonb('kinds').$type<{ email: string[]; push: string[] }>().notNull().default({ email: [], push: [] }),
  /** Quiet hours as minutes after local midnight; both null means none. */
  quietStart: smallint('quiet_start'),
  quietEnd: smallint('quiet_end'),
  timeZone: text('time_zone').notNull().default('UTC'),
  appName: text('app_name').notNull().default('Mend'),
  unsubscribeTokenHash: text('unsubscribe_token_hash'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
export type NoticePreferencesRow = typeof noticePreferences.$inferSelect;

/** A browser's Web Push subscription (the standard Push API), for one person's device. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull().unique(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    userAgent: text('user_agent').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId)],
);

/**
 * Notices waiting or sent, per person, kind and channel: what makes "at most one email per kind per
 * few hours" and quiet hours hold across restarts. Never any content: only the kind.
 */
export const noticeDeliveries = pgTable(
  'notice_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    channel: text('channel').$type<'email' | 'push'>().notNull(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('notice_deliveries_user_idx').on(t.userId, t.kind, t.channel, t.createdAt)],
);
