/**
 * GET /api/realtime/token?documentId=<uuid>  → a 5-minute token for one document room
 * GET /api/realtime/token?scope=socket       → a 5-minute token for socket.io (live sessions, presence)
 * Answers 401 when not signed in and 404 when the document does not exist for this person (private
 * documents of the partner included), so a token is only ever issued for something the person may open.
 * "Signed in" means a session that is still current (not signed out, revoked, or of a deleted account):
 * getViewerSession checks its row, so a copied cookie of an ended session gets 401 here.
 */
import { z } from 'zod';
import { authorizeDocument } from '@/server/access/authorization';
import { currentAuthSecret, issueRealtimeToken } from '@/server/auth/realtime-token';
import { getDb } from '@/server/db/process-database';
import { getViewerSession } from '../../../_lib/viewer';
import { jsonError, jsonOk } from '../../../_lib/json-response';

const querySchema = z.union([
  z.object({ documentId: z.uuid({ error: 'documentId must be a document id.' }) }),
  z.object({ scope: z.literal('socket') }),
]);

export async function GET(request: Request): Promise<Response> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = querySchema.safeParse(params);
  if (!parsed.success) return jsonError(400, 'Ask for a token with ?documentId=<id> or ?scope=socket.');
  const session = await getViewerSession();
  if (!session) return jsonError(401, 'Please sign in to continue.');
  const viewer = { userId: session.userId };
  const db = getDb();
  if ('documentId' in parsed.data) {
    const decision = await authorizeDocument(db, viewer, parsed.data.documentId);
    if (!decision.ok) return jsonError(404, 'That document could not be found.');
    const { token, expiresAt } = await issueRealtimeToken(currentAuthSecret(), { userId: viewer.userId, sessionId: session.sessionId, scope: { kind: 'document', documentId: parsed.data.documentId } });
    return jsonOk({ token, expiresAt: expiresAt.toISOString(), mode: decision.access.mode });
  }
  // Everyone signed in gets a live connection, with or without a space: their own devices hear about
  // their journal, and the socket service decides at its door which space (if any) they hear.
  const { token, expiresAt } = await issueRealtimeToken(currentAuthSecret(), { userId: viewer.userId, sessionId: session.sessionId, scope: { kind: 'socket' } });
  return jsonOk({ token, expiresAt: expiresAt.toISOString() });
}
