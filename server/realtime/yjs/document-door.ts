/**
 * The door of the document rooms: who is this, and may they open this document? Decided from the
 * signed token and the database (authorizeDocument) before the room sends a single byte; a refusal
 * is a close code (see close-codes.ts) and nothing else.
 */
import { authorizeDocument } from '../../access/authorization';
import { verifyRealtimeToken } from '../../auth/realtime-token';
import type { Executor } from '../../db/database';
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
  const { scope, userId } = check.claims;
  if (scope.kind !== 'document' || scope.documentId !== documentId) {
    return { ok: false, code: CloseCode.forbidden, reason: 'token is for another document' };
  }
  const decision = await authorizeDocument(db, { userId }, documentId);
  if (!decision.ok) {
    if (decision.reason === 'unauthenticated') return { ok: false, code: CloseCode.unauthenticated, reason: 'not signed in' };
    if (decision.reason === 'not-found') return { ok: false, code: CloseCode.notFound, reason: 'no such document' };
    return { ok: false, code: CloseCode.forbidden, reason: 'not allowed' };
  }
  const { access } = decision;
  return { ok: true, identity: { userId, spaceId: access.document.spaceId, mode: access.mode } };
}
