/**
 * The door of the document rooms: who is this, and may they open this document? Decided from the
 * signed token and the database (authorizeDocument) before the room sends a single byte; a refusal
 * is a close code (see close-codes.ts) and nothing else.
 */
import { eq } from 'drizzle-orm';
import { users } from '../../../drizzle/schema';
import { authorizeDocument } from '../../access/authorization';
import { verifyRealtimeToken } from '../../auth/realtime-token';
import type { Executor } from '../../db/database';
import { colourForSeat } from '../../domain/spaces/member-colour';
import { CloseCode } from './close-codes';
import type { ConnectionIdentity } from './room-connection';

export type DoorDecision = { ok: true; identity: ConnectionIdentity } | { ok: false; code: number; reason: string };

export async function openDocumentDoor(
  db: Executor,
  authSecret: string,
  documentId: string,
  token: string | null,
  now = new Date(),
): Promise<DoorDecision> {
  const check = await verifyRealtimeToken(authSecret, token, now);
  if (!check.ok) {
    const reason = check.reason === 'missing' ? 'no token' : check.reason === 'expired' ? 'token expired' : 'token not valid';
    return { ok: false, code: CloseCode.unauthenticated, reason };
  }
  const { scope, userId, sessionId } = check.claims;
  if (scope.kind !== 'document' || scope.documentId !== documentId) {
    return { ok: false, code: CloseCode.forbidden, reason: 'token is for another document' };
  }
  const decision = await authorizeDocument(db, { userId }, documentId);
  if (!decision.ok) return { ok: false, ...refusalOf(decision.reason) };
  const { access } = decision;
  // Presence shows this name and colour whatever the client claims (document-room.ts stamps them).
  const [person] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
  if (!person) return { ok: false, code: CloseCode.unauthenticated, reason: 'not signed in' };
  // The journal has no space; its owner's page shows them in the first seat's colour.
  const colour = colourForSeat(access.membership?.seat ?? 1);
  return { ok: true, identity: { userId, sessionId, spaceId: access.document.spaceId, mode: access.mode, name: person.name, colour } };
}

function refusalOf(reason: 'unauthenticated' | 'not-found' | 'forbidden'): { code: number; reason: string } {
  if (reason === 'unauthenticated') return { code: CloseCode.unauthenticated, reason: 'not signed in' };
  if (reason === 'not-found') return { code: CloseCode.notFound, reason: 'no such document' };
  return { code: CloseCode.forbidden, reason: 'not allowed' };
}

export type RecheckDecision =
  | { kind: 'gone' }
  | { kind: 'refused'; code: number; reason: string }
  | { kind: 'allowed'; mode: 'edit' | 'read' };

/**
 * The door asked again for a connection that is already open, after something that may change
 * access committed (server/events/access-events.ts). 'gone': the document no longer exists.
 */
export async function recheckDocumentAccess(db: Executor, userId: string, documentId: string): Promise<RecheckDecision> {
  const decision = await authorizeDocument(db, { userId }, documentId);
  if (decision.ok) return { kind: 'allowed', mode: decision.access.mode };
  if (decision.reason === 'not-found' && !decision.exists) return { kind: 'gone' };
  const refusal = refusalOf(decision.reason);
  return { kind: 'refused', code: refusal.code, reason: refusal.reason === 'not allowed' ? 'no longer allowed to open this document' : refusal.reason };
}
