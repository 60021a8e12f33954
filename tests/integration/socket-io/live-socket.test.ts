import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueRealtimeToken } from '../../../server/auth/realtime-token';
import { publishLiveEvent } from '../../../server/events/live-events';
import { publishSessionsRevoked } from '../../../server/events/session-events';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import type { MendServer } from '../../../server/http-server';
import { createSocketIoService } from '../../../server/realtime/socket-io/socket-io-service';
import { makeCouple, makeUser } from '../../support/fixtures';
import { TEST_AUTH_SECRET, connectLiveClient, startLiveServer, waitForEvent } from '../../support/live-clients';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

describe.each(testDatabaseKinds())('live socket.io service on %s', (kind) => {
  const t = useTestDatabase(kind);
  let server: MendServer;
  beforeAll(async () => {
    server = await startLiveServer(t.handle, [createSocketIoService()]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('admits both partners, shows who is here, and forwards live events to their audience only', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const alexClient = await connectLiveClient(server, alex.id);
    const samClient = await connectLiveClient(server, sam.id);
    const strangerClient = await connectLiveClient(server, stranger.id);
    try {
      await waitForEvent(alexClient, 'presence-changed', (p: { people: { name: string }[] }) => p.people.map((x) => x.name).join() === 'Alex,Sam');
      publishLiveEvent({ spaceId: space.id, audience: 'space', event: 'note-shared', payload: { title: 'hello' } });
      publishLiveEvent({ spaceId: space.id, audience: { userId: sam.id }, event: 'only-for-sam', payload: {} });
      await waitForEvent(samClient, 'note-shared');
      await waitForEvent(alexClient, 'note-shared');
      await waitForEvent(samClient, 'only-for-sam');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(alexClient.received.some((e) => e.event === 'only-for-sam')).toBe(false);
      expect(strangerClient.received.some((e) => e.event === 'note-shared')).toBe(false);
      // The stranger sees only themselves.
      const strangerPresence = strangerClient.received.filter((e) => e.event === 'presence-changed').at(-1)?.args[0] as { people: { name: string }[] };
      expect(strangerPresence.people.map((p) => p.name)).toEqual(['Stranger']);

      samClient.close();
      await waitForEvent(alexClient, 'presence-changed', (p: { people: { name: string }[] }) => p.people.map((x) => x.name).join() === 'Alex');
    } finally {
      alexClient.close();
      samClient.close();
      strangerClient.close();
    }
  });

  it('speaks WebSocket only: a long-polling client is refused (several instances then need no sticky sessions)', async () => {
    const { alex } = await makeCouple(t.db);
    await expect(connectLiveClient(server, alex.id, { transports: ['polling'] })).rejects.toThrow();
    const response = await fetch(`${server.url}/realtime/socket.io/?EIO=4&transport=polling`);
    expect(response.status).toBe(400);
  });

  it('refuses a missing, forged, expired or document-scoped token, with a readable reason', async () => {
    const { alex } = await makeCouple(t.db);
    await expect(connectLiveClient(server, { token: '' })).rejects.toMatchObject({ data: { code: 'missing-token' } });
    await expect(connectLiveClient(server, { token: 'not-a-token' })).rejects.toMatchObject({ data: { code: 'invalid-token' } });
    const forged = await issueRealtimeToken('another-secret-entirely-xxxxxxxxxxxx', { userId: alex.id, scope: { kind: 'socket' } });
    await expect(connectLiveClient(server, forged)).rejects.toMatchObject({ data: { code: 'invalid-token' } });
    const old = await issueRealtimeToken(TEST_AUTH_SECRET, { userId: alex.id, scope: { kind: 'socket' } }, new Date(Date.now() - 10 * 60_000));
    await expect(connectLiveClient(server, old)).rejects.toMatchObject({ data: { code: 'expired-token' }, message: expect.stringContaining('expired') });
    const documentToken = await issueRealtimeToken(TEST_AUTH_SECRET, { userId: alex.id, scope: { kind: 'document', documentId: crypto.randomUUID() } });
    await expect(connectLiveClient(server, documentToken)).rejects.toMatchObject({ data: { code: 'invalid-token' } });
  });

  it('admits a person with no space to their own events only (their journal on their other devices)', async () => {
    const { alex, space } = await makeCouple(t.db);
    const loner = await makeUser(t.db, 'Loner');
    const lonerClient = await connectLiveClient(server, loner.id);
    const alexClient = await connectLiveClient(server, alex.id);
    try {
      publishLiveEvent({ spaceId: space.id, audience: 'space', event: 'note-shared', payload: { noteId: 'n1' } });
      publishLiveEvent({ spaceId: null, audience: { userId: loner.id }, event: 'journal-changed', payload: { entryId: 'e1' } });
      await waitForEvent(lonerClient, 'journal-changed', () => true);
      await waitForEvent(alexClient, 'note-shared', () => true);
      expect(lonerClient.received.map((e) => e.event)).not.toContain('note-shared');
      expect(lonerClient.received.map((e) => e.event)).not.toContain('presence-changed');
    } finally {
      lonerClient.close();
      alexClient.close();
    }
  });

  it('closes the sockets of an ended session at once, and only those', async () => {
    const { alex } = await makeCouple(t.db);
    const laptop = crypto.randomUUID();
    const phone = crypto.randomUUID();
    const tokenFor = async (sessionId: string) => (await issueRealtimeToken(TEST_AUTH_SECRET, { userId: alex.id, sessionId, scope: { kind: 'socket' } })).token;
    const onLaptop = await connectLiveClient(server, { token: await tokenFor(laptop) });
    const onPhone = await connectLiveClient(server, { token: await tokenFor(phone) });
    try {
      const closed = new Promise<string>((resolve) => onLaptop.socket.once('disconnect', (reason) => resolve(reason)));
      publishSessionsRevoked({ userId: alex.id, sessionIds: [laptop] });
      expect(await closed).toBe('io server disconnect');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(onPhone.socket.connected).toBe(true);
    } finally {
      onLaptop.close();
      onPhone.close();
    }
  });

  it('closes the sockets of a person who leaves the space at once', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const alexClient = await connectLiveClient(server, alex.id);
    const samClient = await connectLiveClient(server, sam.id);
    try {
      const closed = new Promise<string>((resolve) => samClient.socket.once('disconnect', (reason) => resolve(reason)));
      await leaveSpace(t.db, { userId: sam.id }, space.id);
      expect(await closed).toBe('io server disconnect');
      expect(samClient.received.some((e) => e.event === 'space-access-ended')).toBe(true);
      await waitForEvent(alexClient, 'presence-changed', (p: { people: { name: string }[] }) => p.people.map((x) => x.name).join() === 'Alex');
    } finally {
      alexClient.close();
      samClient.close();
    }
  });

  it('leaves other upgrade paths alone', async () => {
    // No service takes /realtime/yjs here, so http-server answers 404 rather than engine.io swallowing the socket.
    const status = await new Promise<number | string>((resolve) => {
      const request = http.get(`${server.url}/realtime/yjs/anything`, {
        headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
      });
      request.on('response', (response) => resolve(response.statusCode ?? 0));
      request.on('upgrade', () => resolve('upgraded'));
      request.on('error', (error) => resolve(error.message));
    });
    expect(status).toBe(404);
  });
});
