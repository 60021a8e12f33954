/**
 * Presence (awareness) shows who is here and where their caret is. The name and colour on a caret
 * come from the server's identity of the connection, never from what the client claims; and a
 * connection that stops answering pings is dropped, so a caret does not linger for a laptop that
 * slept mid-edit.
 */
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { colourForSeat } from '../../../server/domain/spaces/member-colour';
import { encodeAwarenessMessage } from '../../../server/realtime/yjs/protocol';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import { connectClient, connectRaw, documentToken, makeDocument, sleep, useRealtimeServer, waitFor, type TestClient } from './realtime-harness';

describe.each(testDatabaseKinds())('presence on %s', (kind) => {
  const t = useTestDatabase(kind);
  const realtime = useRealtimeServer(t, { keepaliveMs: 200 });
  const connect = async (userId: string, documentId: string): Promise<TestClient> => {
    const client = connectClient(realtime.wsOrigin, documentId, await documentToken(userId, documentId));
    realtime.clients.push(client);
    await client.synced;
    return client;
  };

  it('a caret labelled with the partner’s name and colour is shown with the sender’s own', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const a = await connect(alex.id, documentId);

    // Sam's raw client claims to be Alex, in Alex's colour.
    const spoof = new Awareness(new Y.Doc());
    spoof.setLocalState({ user: { userId: alex.id, name: 'Alex', color: colourForSeat(1) }, cursor: { anchor: 3, head: 3 } });
    const raw = connectRaw(realtime.wsOrigin, documentId, await documentToken(sam.id, documentId));
    await raw.opened;
    raw.socket.send(encodeAwarenessMessage(encodeAwarenessUpdate(spoof, [spoof.clientID])));

    await waitFor(() => a.provider.awareness.getStates().has(spoof.clientID), 5000, 'Sam’s presence to reach Alex');
    const shown = a.provider.awareness.getStates().get(spoof.clientID)!;
    expect(shown.user).toEqual({ userId: sam.id, name: 'Sam', color: colourForSeat(2) });
    // The rest of the state (the caret) is the client's own.
    expect(shown.cursor).toEqual({ anchor: 3, head: 3 });
    spoof.destroy();
    raw.socket.close();
  });

  it('a stock client’s presence carries its person’s name, and the state can still be cleared (leaving)', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const a = await connect(alex.id, documentId);
    const b = await connect(sam.id, documentId);
    b.provider.awareness.setLocalStateField('user', { userId: 'someone-else', name: 'Not Sam', color: '#000000' });
    await waitFor(() => (a.provider.awareness.getStates().get(b.doc.clientID)?.user as { name?: string } | undefined)?.name === 'Sam', 5000, 'Sam’s stamped presence');
    b.provider.awareness.setLocalState(null);
    await waitFor(() => !a.provider.awareness.getStates().has(b.doc.clientID), 5000, 'Sam’s presence to go');
  });

  it('drops a connection that stops answering pings, and keeps the ones that answer', async () => {
    const { alex, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const answering = await connect(alex.id, documentId);
    const silent = new WebSocket(`${realtime.wsOrigin}/realtime/yjs/${documentId}?token=${encodeURIComponent(await documentToken(alex.id, documentId))}`, { autoPong: false });
    silent.on('error', () => {});
    const silentClosed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
    const outcome = await Promise.race([silentClosed, sleep(3000).then(() => 'still open' as const)]);
    // Terminated without a close frame: the client sees an abnormal closure.
    expect(outcome).toBe(1006);
    await sleep(600);
    expect(answering.provider.wsconnected).toBe(true);
  });
});
