/**
 * The one place that decides who may do what. Every page, route handler, server action, socket.io
 * event and document room asks here; nothing else reads a space's data without a decision from
 * this module.
 *
 * Rules:
 * - Anonymous people may do nothing with a space.
 * - A stranger (not a member) learns nothing: they get "not found", never "forbidden", so a space's
 *   or document's existence does not leak.
 * - Both members may read and write the space's shared things.
 * - Private things (journal entries, note drafts) are open to their owner only; for the partner they
 *   do not exist (not found).
 */
import { and, eq } from 'drizzle-orm';
import { documents, spaceMembers, spaces, users, type DocumentKind, type DocumentRow, type Space } from '../../drizzle/schema';
import type { Executor } from '../db/database';
import { AppError, notFound, unauthenticated } from '../domain/errors';

export type Viewer = { userId: string } | null;

export interface Membership {
  spaceId: string;
  userId: string;
  seat: number;
  space: Space;
}

/** The space this user belongs to, or null. A person is in at most one space. */
export async function findMembership(db: Executor, userId: string): Promise<Membership | null> {
  const rows = await db
    .select({ spaceId: spaceMembers.spaceId, userId: spaceMembers.userId, seat: spaceMembers.seat, space: spaces })
    .from(spaceMembers)
    .innerJoin(spaces, eq(spaces.id, spaceMembers.spaceId))
    .where(eq(spaceMembers.userId, userId))
    .limit(1);
  return rows[0] ?? null;
}

export function requireViewer(viewer: Viewer): { userId: string } {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** Members only. Anyone else (including a former member) gets "not found". */
export async function requireSpaceMember(db: Executor, viewer: Viewer, spaceId: string): Promise<Membership> {
  const { userId } = requireViewer(viewer);
  const membership = await findMembership(db, userId);
  if (!membership || membership.spaceId !== spaceId) throw notFound('That space');
  return membership;
}

/** The viewer's own space, for pages that act on "my space". */
export async function requireOwnSpace(db: Executor, viewer: Viewer): Promise<Membership> {
  const { userId } = requireViewer(viewer);
  const membership = await findMembership(db, userId);
  if (!membership) throw new AppError('not-found', 'You are not in a space yet.');
  return membership;
}

/** Kinds both members may open; every other kind is private to its owner. */
const SHARED_KINDS: ReadonlySet<DocumentKind> = new Set(['agreement', 'session-next-steps']);

export type DocumentAccess = { document: DocumentRow; membership: Membership; mode: 'edit' | 'read' };

export type DocumentRefusal = 'unauthenticated' | 'not-found' | 'forbidden';

/**
 * May this user open this collaborative document? Used by the document rooms (at the door, before
 * any byte is sent) and by every route that reads a document.
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
  const membership = await findMembership(db, viewer.userId);
  if (!membership || membership.spaceId !== document.spaceId) return { ok: false, reason: 'forbidden', exists: true };
  if (!SHARED_KINDS.has(document.kind)) {
    const extra = privateDocumentRules[document.kind];
    const allowed = extra ? await extra(db, viewer.userId, document) : document.ownerId === viewer.userId;
    if (!allowed) return { ok: false, reason: 'forbidden', exists: true };
    const mode = document.ownerId === viewer.userId ? 'edit' : 'read';
    return { ok: true, access: { document, membership, mode } };
  }
  return { ok: true, access: { document, membership, mode: document.archivedAt ? 'read' : 'edit' } };
}

/**
 * Per-kind rules for documents that are not plainly shared. The default for a private kind is
 * "owner only". A feature that needs more (a shared note readable by the partner) registers its
 * rule here, in this module, so the whole access policy stays in one file.
 */
const privateDocumentRules: Partial<Record<DocumentKind, (db: Executor, userId: string, document: DocumentRow) => Promise<boolean>>> = {};

/** Route-facing variant: throws "not found" for everyone who may not see it (including the partner, for private documents). */
export async function requireDocument(db: Executor, viewer: Viewer, documentId: string): Promise<DocumentAccess> {
  const decision = await authorizeDocument(db, viewer, documentId);
  if (decision.ok) return decision.access;
  if (decision.reason === 'unauthenticated') throw unauthenticated();
  throw notFound('That document');
}

export async function isSpaceMember(db: Executor, userId: string, spaceId: string): Promise<boolean> {
  const rows = await db
    .select({ userId: spaceMembers.userId })
    .from(spaceMembers)
    .where(and(eq(spaceMembers.userId, userId), eq(spaceMembers.spaceId, spaceId)))
    .limit(1);
  return rows.length > 0;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * May this person open a live (socket.io) connection, and to which space? Asked at the door, after
 * the token is verified, and again whenever a live action needs the current membership.
 */
export async function authorizeLiveConnection(
  db: Executor,
  viewer: Viewer,
): Promise<{ ok: true; membership: Membership; name: string } | { ok: false; reason: 'unauthenticated' | 'not-a-member' }> {
  if (!viewer) return { ok: false, reason: 'unauthenticated' };
  const membership = await findMembership(db, viewer.userId);
  if (!membership) return { ok: false, reason: 'not-a-member' };
  const [person] = await db.select({ name: users.name }).from(users).where(eq(users.id, viewer.userId)).limit(1);
  return { ok: true, membership, name: person?.name ?? 'Your partner' };
}

/**
 * An agreement (a shared document of kind 'agreement') that the viewer may see. Anyone else,
 * including for a document of another kind, gets "not found".
 */
export async function requireAgreement(db: Executor, viewer: Viewer, documentId: string): Promise<DocumentAccess> {
  const access = await requireDocument(db, viewer, documentId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not-found') throw notFound('That agreement');
    throw error;
  });
  if (access.document.kind !== 'agreement') throw notFound('That agreement');
  return access;
}
