/**
 * A Yjs client id belongs to the person who first wrote with it in a document. Writing under the
 * partner's client id would make history's compare view colour the text as theirs ("Added by
 * Alex"); the room refuses such an update (4403) before it touches the document, across unloads
 * and for documents whose log predates the bindings. Deleting the partner's text stays allowed.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentClients, documentUpdates } from '../../../drizzle/schema';
import { readAttribution } from '../../../server/domain/history/attribution-index';
import { readLastSeq } from '../../../server/documents/document-store';
import { encodeUpdateMessage } from '../../../server/realtime/yjs/protocol';
import { findRoomSlot } from '../../../server/realtime/yjs/room-registry';
import { applyServerEdit } from '../../../server/documents/document-hub';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import { connectClient, connectRaw, documentToken, makeDocument, sleep, useRealtimeServer, waitFor, type TestClient } from './realtime-harness';

/** An update that inserts `text` at the start, written as Yjs client `clientId` on top of `state`. */
function writtenAs(clientId: number, state: Uint8Array, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  // Set after applying: Yjs picks a new id when an applied update already uses the doc's own.
  doc.clientID = clientId;
  const before = Y.encodeStateVector(doc);
  doc.getText('body').insert(0, text);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

describe.each(testDatabaseKinds())('Yjs client ids bound to people, on %s', (kind) => {
  const t = useTestDatabase(kind);
  const realtime = useRealtimeServer(t);
  const connect = async (userId: string, documentId: string): Promise<TestClient> => {
    const client = connectClient(realtime.wsOrigin, documentId, await documentToken(userId, documentId));
    realtime.clients.push(client);
    await client.synced;
    return client;
  };
  const storedContains = async (documentId: string, marker: string) => {
    const rows = await t.db.select({ update: documentUpdates.update }).from(documentUpdates).where(eq(documentUpdates.documentId, documentId));
    return rows.some((row) => Buffer.from(row.update).includes(Buffer.from(marker)));
  };
  const owners = async (documentId: string) =>
    new Map((await t.db.select().from(documentClients).where(eq(documentClients.documentId, documentId))).map((row) => [row.clientId, row.userId]));

  /** Sam's raw client sends `update` as a y-websocket update; resolves with how the room answered. */
  async function sendAsSam(samId: string, documentId: string, update: Uint8Array) {
    const raw = connectRaw(realtime.wsOrigin, documentId, await documentToken(samId, documentId));
    await raw.opened;
    raw.socket.send(encodeUpdateMessage(update));
    const outcome = await Promise.race([raw.closed.then((event) => event.code), sleep(1500).then(() => 'still open' as const)]);
    raw.socket.close();
    return outcome;
  }

  it('refuses text written under the partner’s client id (4403): it reaches no one, is not stored, and history names the real authors', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const a = await connect(alex.id, documentId);
    const b = await connect(sam.id, documentId);
    a.text.insert(0, 'We keep our phones open.');
    await waitFor(() => b.text.toString() === 'We keep our phones open.', 5000, 'Alex’s text to reach Sam');

    const forged = writtenAs(a.doc.clientID, Y.encodeStateAsUpdate(b.doc), 'FORGED ');
    expect(await sendAsSam(sam.id, documentId, forged)).toBe(4403);
    await sleep(300);
    expect(a.text.toString()).toBe('We keep our phones open.');
    expect(b.text.toString()).toBe('We keep our phones open.');

    // Sam's own edits, deleting some of Alex's words included, are his and go through.
    b.text.delete(0, 8);
    b.text.insert(b.text.length, ' Sam agrees.');
    await waitFor(() => a.text.toString() === 'our phones open. Sam agrees.', 5000, 'Sam’s edits to reach Alex');
    const lastSeq = async () => readLastSeq(t.db, documentId);
    await waitFor(async () => (await lastSeq()) >= 3, 5000, 'every edit to be stored');
    expect(await storedContains(documentId, 'FORGED')).toBe(false);

    const attribution = await readAttribution(t.db, documentId, 0, await lastSeq());
    expect(attribution.clientAuthors.get(a.doc.clientID)).toBe(alex.id);
    expect(attribution.clientAuthors.get(b.doc.clientID)).toBe(sam.id);
    expect([...attribution.clientAuthors.values()]).toEqual(expect.arrayContaining([alex.id, sam.id]));
    expect(attribution.clientAuthors.size).toBe(2);
    expect(await owners(documentId)).toEqual(new Map([[a.doc.clientID, alex.id], [b.doc.clientID, sam.id]]));
  });

  it('keeps the bindings when the document unloads and loads again', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const a = await connect(alex.id, documentId);
    a.text.insert(0, 'Alex wrote this.');
    const alexClient = a.doc.clientID;
    const state = Y.encodeStateAsUpdate(a.doc);
    await waitFor(async () => (await owners(documentId)).get(alexClient) === alex.id, 5000, 'the binding to be stored');
    a.destroy();
    await waitFor(() => findRoomSlot(documentId) === undefined, 5000, 'the room to unload');

    expect(await sendAsSam(sam.id, documentId, writtenAs(alexClient, state, 'FORGED '))).toBe(4403);
    expect(await storedContains(documentId, 'FORGED')).toBe(false);
  });

  it('derives the bindings of a document whose log predates them, from each update’s author', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const alexClient = 4242;
    const first = writtenAs(alexClient, Y.encodeStateAsUpdate(new Y.Doc()), 'Written before bindings existed.');
    await t.db.insert(documentUpdates).values({ documentId, seq: 1, update: first, authorId: alex.id });

    expect(await sendAsSam(sam.id, documentId, writtenAs(alexClient, first, 'FORGED '))).toBe(4403);
    expect(await owners(documentId)).toEqual(new Map([[alexClient, alex.id]]));
    expect(await storedContains(documentId, 'FORGED')).toBe(false);
  });

  it('a client resending text it received from others (after reconnecting) is not refused', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const a = await connect(alex.id, documentId);
    a.text.insert(0, 'Alex first.');
    await waitFor(async () => (await readLastSeq(t.db, documentId)) === 1, 5000, 'Alex’s text to be stored');
    // Sam's device has Alex's text and wrote offline: it sends its whole state, Alex's items included.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(a.doc));
    offline.getText('body').insert(offline.getText('body').length, ' Sam offline.');
    expect(await sendAsSam(sam.id, documentId, Y.encodeStateAsUpdate(offline))).toBe('still open');
    await waitFor(() => a.text.toString() === 'Alex first. Sam offline.', 5000, 'Sam’s offline text to reach Alex');
    await waitFor(async () => (await owners(documentId)).get(offline.clientID) === sam.id, 5000, 'Sam’s client id to be bound to Sam');
  });

  it('a server edit binds its client id to the person acting, loaded or not', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const restoredBy = 777_001;
    const unloaded = writtenAs(restoredBy, Y.encodeStateAsUpdate(new Y.Doc()), 'Restored while nobody was here. ');
    await applyServerEdit(t.db, documentId, unloaded, alex.id);
    expect(await owners(documentId)).toEqual(new Map([[restoredBy, alex.id]]));

    const a = await connect(alex.id, documentId);
    const restoredAgain = 777_002;
    await applyServerEdit(t.db, documentId, writtenAs(restoredAgain, Y.encodeStateAsUpdate(a.doc), 'Restored live. '), null);
    await waitFor(async () => (await owners(documentId)).get(restoredAgain) === null, 5000, 'the live server edit’s binding');
    const rows = await t.db.select().from(documentClients).where(and(eq(documentClients.documentId, documentId), eq(documentClients.clientId, restoredAgain)));
    expect(rows).toHaveLength(1);
    await waitFor(() => a.text.toString().startsWith('Restored live.'), 5000, 'the live edit to reach Alex');
    // Nobody may write under Mend's own client id either.
    expect(await sendAsSam(sam.id, documentId, writtenAs(restoredAgain, Y.encodeStateAsUpdate(a.doc), 'FORGED '))).toBe(4403);
  });
});
