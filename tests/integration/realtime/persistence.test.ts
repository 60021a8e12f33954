import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documents, documentSnapshots, documentUpdates } from '../../../drizzle/schema';
import { listDocumentUpdates, loadDocumentState } from '../../../server/documents/document-store';
import { findRoomSlot } from '../../../server/realtime/yjs/room-registry';
import { applyServerEdit } from '../../../server/documents/document-hub';
import { publishDocumentAccessChanged } from '../../../server/events/access-events';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import { connectClient, connectRaw, documentToken, makeDocument, sleep, useRealtimeServer, waitFor } from './realtime-harness';

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

async function storedText(db: Parameters<typeof loadDocumentState>[0], documentId: string): Promise<string> {
  const { state } = await loadDocumentState(db, documentId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc.getText('body').toString();
}

describe.each(testDatabaseKinds())('durable storage on %s', (kind) => {
  const t = useTestDatabase(kind);
  const realtime = useRealtimeServer(t, { snapshotEvery: 10 });
  async function connect(userId: string, documentId: string) {
    const client = connectClient(realtime.wsOrigin, documentId, await documentToken(userId, documentId));
    realtime.clients.push(client);
    await client.synced;
    return client;
  }

  it('writes snapshots every N updates, never rewrites the log, and unloads once the last person leaves', async () => {
    const { alex, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const a = await connect(alex.id, documentId);
    for (let group = 1; group <= 4; group++) {
      for (let i = 0; i < 9; i++) a.text.insert(a.text.length, `${group}.${i} `);
      await waitFor(async () => (await listDocumentUpdates(t.db, documentId)).length === 9 * group, 5000, `${9 * group} rows`);
    }
    const snapshots = await t.db.select().from(documentSnapshots).where(eq(documentSnapshots.documentId, documentId)).orderBy(asc(documentSnapshots.seq));
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    // Each snapshot equals replaying the log up to its seq.
    for (const snapshot of snapshots) {
      const replayed = new Y.Doc();
      for (const row of await listDocumentUpdates(t.db, documentId, { limit: snapshot.seq })) Y.applyUpdate(replayed, row.update);
      const fromSnapshot = new Y.Doc();
      Y.applyUpdate(fromSnapshot, snapshot.state);
      expect(fromSnapshot.getText('body').toString()).toBe(replayed.getText('body').toString());
    }
    expect(await storedText(t.db, documentId)).toBe(a.text.toString());
    const asOfTen = await loadDocumentState(t.db, documentId, { upToSeq: 10 });
    expect(asOfTen.lastSeq).toBe(10);

    a.destroy();
    await waitFor(() => findRoomSlot(documentId) === undefined, 5000, 'the room to unload');
    const again = await connect(alex.id, documentId);
    expect(again.text.toString()).toBe(a.text.toString());
  });

  it('a server edit reaches connected people live and is logged with its author', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const a = await connect(alex.id, documentId);
    const b = await connect(sam.id, documentId);
    a.text.insert(0, 'typed. ');
    await waitFor(() => b.text.toString() === 'typed. ', 5000, 'typing');
    await applyServerEdit(t.db, documentId, textUpdate('From the template.'), alex.id);
    await waitFor(() => a.text.toString().includes('From the template.') && b.text.toString() === a.text.toString(), 5000, 'server edit to show');
    const rows = await listDocumentUpdates(t.db, documentId);
    expect(rows.at(-1)!.authorId).toBe(alex.id);
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index + 1));
  });

  it('a server edit to a document nobody has open goes straight to the log, even while a room loads at the same moment', async () => {
    const { alex, space } = await makeCouple(t.db);
    for (let round = 0; round < 6; round++) {
      const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
      await applyServerEdit(t.db, documentId, textUpdate('seed '), null);
      const token = await documentToken(alex.id, documentId);
      const client = connectClient(realtime.wsOrigin, documentId, token);
      realtime.clients.push(client);
      await Promise.all([applyServerEdit(t.db, documentId, textUpdate(`edit-${round}`), alex.id), client.synced]);
      await waitFor(() => client.text.toString().includes(`edit-${round}`) && client.text.toString().includes('seed'), 5000, 'both edits visible');
      client.text.insert(0, 'typed ');
      await waitFor(async () => (await listDocumentUpdates(t.db, documentId)).length === 3, 5000, 'three rows');
      const rows = await listDocumentUpdates(t.db, documentId);
      expect(rows.map((row) => row.seq)).toEqual([1, 2, 3]);
      expect(rows[0]!.authorId).toBeNull();
      expect(await storedText(t.db, documentId)).toBe(client.text.toString());
      client.destroy();
    }
  });

  it('a document deleted while open: everyone is closed with 4404 and nothing is stored', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id, kind: 'journal', ownerId: alex.id });
    const a = await connect(alex.id, documentId);
    a.text.insert(0, 'private thoughts');
    await t.db.delete(documents).where(eq(documents.id, documentId));
    await publishDocumentAccessChanged([documentId]);
    expect((await a.closed).code).toBe(4404);
    expect(findRoomSlot(documentId)).toBeUndefined();
    await sleep(500);
    expect(await listDocumentUpdates(t.db, documentId)).toHaveLength(0);
    void sam;
  });

  it('refuses with 1013 (retryable) when a document cannot be loaded, and never stores over it', async () => {
    const { alex, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    await t.db.insert(documentUpdates).values({ documentId, seq: 1, update: Uint8Array.from([0x01, 0x05, 0xff]), authorId: alex.id });
    const raw = connectRaw(realtime.wsOrigin, documentId, await documentToken(alex.id, documentId));
    raw.socket.once('open', () => raw.socket.send(Uint8Array.from([0, 2, 2, 0, 0])));
    expect((await raw.closed).code).toBe(1013);
    expect(raw.received).toHaveLength(0);
    expect(findRoomSlot(documentId)).toBeUndefined();
    const rows = await listDocumentUpdates(t.db, documentId);
    expect(rows).toHaveLength(1);
    expect([...rows[0]!.update]).toEqual([0x01, 0x05, 0xff]);
  });
});
