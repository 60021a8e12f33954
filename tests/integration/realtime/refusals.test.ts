import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { issueRealtimeToken } from '../../../server/auth/realtime-token';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import {
  connectClient,
  connectRaw,
  documentToken,
  makeDocument,
  sleep,
  useRealtimeServer,
  testSecret,
  waitFor,
} from './realtime-harness';

describe.each(testDatabaseKinds())('who may open a document room, on %s', (kind) => {
  const t = useTestDatabase(kind);
  const realtime = useRealtimeServer(t);

  /** A document with some content in it, so "received no content" means something. */
  async function documentWithContent() {
    const couple = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: couple.space.id, createdBy: couple.alex.id });
    const writer = connectClient(realtime.wsOrigin, documentId, await documentToken(couple.alex.id, documentId));
    realtime.clients.push(writer);
    await writer.synced;
    writer.text.insert(0, 'SECRET-CONTENT we agreed on');
    await sleep(100);
    return { ...couple, documentId, writer };
  }

  /** The raw client gets exactly this close code and not one byte of the document. */
  async function expectRefusal(documentId: string, token: string | null, code: number) {
    const raw = connectRaw(realtime.wsOrigin, documentId, token);
    // Send what a real client sends first, to show that asking does not help.
    raw.socket.once('open', () => raw.socket.send(Uint8Array.from([0, 0, 1, 0])));
    const closed = await raw.closed;
    expect(closed.code).toBe(code);
    expect(raw.received).toHaveLength(0);
  }

  it('refuses a missing or expired token with 4401 and sends nothing', async () => {
    const { documentId, alex } = await documentWithContent();
    await expectRefusal(documentId, null, 4401);
    await expectRefusal(documentId, 'not-a-token', 4401);
    const expired = await documentToken(alex.id, documentId, new Date(Date.now() - 10 * 60_000));
    await expectRefusal(documentId, expired, 4401);
  });

  it('refuses a token for another document, or a socket token, with 4403', async () => {
    const { documentId, alex, space } = await documentWithContent();
    const other = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    await expectRefusal(documentId, await documentToken(alex.id, other), 4403);
    const socketToken = (await issueRealtimeToken(testSecret, { userId: alex.id, scope: { kind: 'socket' } })).token;
    await expectRefusal(documentId, socketToken, 4403);
  });

  it("refuses a stranger's valid token with 4403, a private document to the partner with 4403, and an unknown document with 4404", async () => {
    const { documentId, stranger, alex, sam, space } = await documentWithContent();
    await expectRefusal(documentId, await documentToken(stranger.id, documentId), 4403);
    const journal = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id, kind: 'journal', ownerId: alex.id });
    await expectRefusal(journal, await documentToken(sam.id, journal), 4403);
    const missing = randomUUID();
    await expectRefusal(missing, await documentToken(alex.id, missing), 4404);
    await expectRefusal('not-a-uuid', await documentToken(alex.id, 'not-a-uuid'), 4404);
  });

  it('the stock client stops on a refusal instead of retrying', async () => {
    const { documentId, stranger } = await documentWithContent();
    const client = connectClient(realtime.wsOrigin, documentId, await documentToken(stranger.id, documentId));
    realtime.clients.push(client);
    expect((await client.closed).code).toBe(4403);
    await sleep(300);
    expect(client.provider.wsconnected).toBe(false);
    expect(client.text.toString()).toBe('');
  });

  it('after 4401 the page can set a fresh token and connect again', async () => {
    const { documentId, sam } = await documentWithContent();
    const expired = await documentToken(sam.id, documentId, new Date(Date.now() - 10 * 60_000));
    const client = connectClient(realtime.wsOrigin, documentId, expired);
    realtime.clients.push(client);
    expect((await client.closed).code).toBe(4401);
    client.provider.params.token = await documentToken(sam.id, documentId);
    client.provider.connect();
    await client.synced;
    await waitFor(() => client.text.toString().includes('SECRET-CONTENT'), 5000, 'content after a fresh token');
  });

  it('closes a partner who leaves the space at once (4403), and they get nothing after', async () => {
    const { documentId, writer, sam, space } = await documentWithContent();
    const partner = connectClient(realtime.wsOrigin, documentId, await documentToken(sam.id, documentId));
    realtime.clients.push(partner);
    await partner.synced;
    await waitFor(() => partner.text.toString().includes('SECRET-CONTENT'), 5000, 'partner to see the content');
    await leaveSpace(t.db, { userId: sam.id }, space.id);
    expect((await partner.closed).code).toBe(4403);
    writer.text.insert(0, 'after they left ');
    await sleep(300);
    expect(partner.text.toString()).not.toContain('after they left');
    // And the former member cannot come back with a token issued before they left.
    await expectRefusal(documentId, await documentToken(sam.id, documentId), 4403);
  });
});
