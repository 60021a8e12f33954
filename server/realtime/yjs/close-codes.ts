/**
 * WebSocket close codes of the document rooms (`/realtime/yjs/<documentId>?token=…`).
 *
 *   4401  not signed in, or the token is missing, malformed or expired: fetch a fresh token and reconnect
 *         (also sent to an open connection when what the person may do there changed, edit ↔ read:
 *         a note shared, an agreement archived or brought back, the space closed)
 *   4403  not allowed: the token is for another document, the person is not (or no longer) allowed to
 *         open it (left the space, a note retracted), or an update wrote under a Yjs client id that
 *         belongs to someone else (client-bindings.ts)
 *   4404  no such document (or it was deleted while open)
 *   4413  too large: a message over the size limit, or an update that would grow the document past its limit
 *   4429  too many messages: the per-connection rate limit was exceeded
 *   1007  malformed frame: bytes that are not a y-websocket message or an undecodable update
 *   1013  try again later: the document could not be loaded, access could not be checked (again), or the
 *         connection reads too slowly; retryable
 *   1012  the server is restarting; retryable
 *
 * Codes 4400-4499 stop the stock y-websocket client's reconnect loop, which is what a refusal needs;
 * 1013 and 1012 let it retry on its own. The page reacts to 4401 by fetching a fresh token.
 */
export const CloseCode = {
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  tooLarge: 4413,
  tooManyMessages: 4429,
  malformed: 1007,
  tryAgainLater: 1013,
  serverRestarting: 1012,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
