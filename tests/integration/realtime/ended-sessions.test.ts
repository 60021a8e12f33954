/**
 * Signing out, "sign out everywhere" and deleting an account end sessions on the server; the live
 * connections those sessions opened (document rooms and socket.io) close at once, while the same
 * person's other devices stay connected.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueRealtimeToken } from '../../../server/auth/realtime-token';
import { publishSessionsRevoked } from '../../../server/events/session-events';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import { connectRaw, makeDocument, testSecret, useRealtimeServer, waitFor } from './realtime-harness';

describe.each(testDatabaseKinds())('live connections of ended sessions on %s', (kind) => {
  const t = useTestDatabase(kind);
  const realtime = useRealtimeServer(t);

  async function open(userId: string, documentId: string, sessionId: string) {
    const { token } = await issueRealtimeToken(testSecret, { userId, sessionId, scope: { kind: 'document', documentId } });
    const raw = connectRaw(realtime.wsOrigin, documentId, token);
    await raw.opened;
    // The first message is the server's sync step 1: the door has admitted this connection.
    await waitFor(() => raw.received.length > 0, 5000, 'the room to answer');
    return raw;
  }

  it('closes the connections of the ended session only, and all of them when every session ends', async () => {
    const { alex, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const laptop = randomUUID();
    const phone = randomUUID();
    const onLaptop = await open(alex.id, documentId, laptop);
    const onPhone = await open(alex.id, documentId, phone);

    publishSessionsRevoked({ userId: alex.id, sessionIds: [laptop] });
    expect((await onLaptop.closed).code).toBe(4401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(onPhone.socket.readyState).toBe(onPhone.socket.OPEN);

    publishSessionsRevoked({ userId: alex.id, sessionIds: null });
    expect((await onPhone.closed).code).toBe(4401);
  });
});
