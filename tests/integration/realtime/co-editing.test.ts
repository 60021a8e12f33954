import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { documentUpdates } from '../../../drizzle/schema';
import { encodeAwarenessMessage } from '../../../server/realtime/yjs/protocol';
import { loadDocumentState } from '../../../server/documents/document-store';
import { archiveAgreement, unarchiveAgreement } from '../../../server/domain/agreements/archive-agreement';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import { connectClient, documentToken, makeDocument, useRealtimeServer, waitFor } from './realtime-harness';

describe.each(testDatabaseKinds())('co-editing on %s', (kind) => {
  const t = useTestDatabase(kind);
  const realtime = useRealtimeServer(t);
  const connect = async (userId: string, documentId: string) => {
    const client = connectClient(realtime.wsOrigin, documentId, await documentToken(userId, documentId));
    realtime.clients.push(client);
    return client;
  };

  it('two partners editing the same places at once converge, and a late joiner gets everything', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const a = await connect(alex.id, documentId);
    const b = await connect(sam.id, documentId);
    await Promise.all([a.synced, b.synced]);

    a.text.insert(0, 'We keep our phones open to each other.');
    await waitFor(() => b.text.toString() === a.text.toString(), 5000, 'first sentence to reach Sam');

    // Concurrent inserts and deletes at the same positions, without waiting for each other.
    for (let round = 0; round < 30; round++) {
      a.text.insert(3, `a${round}`);
      b.text.insert(3, `b${round}`);
      if (round % 3 === 0) {
        a.text.delete(0, 2);
        b.text.delete(0, 2);
      }
    }
    await waitFor(() => a.text.toString() === b.text.toString() && a.text.toString().includes('a29') && a.text.toString().includes('b29'), 5000, 'convergence');
    expect(a.text.toString()).toBe(b.text.toString());

    const late = await connect(sam.id, documentId);
    await late.synced;
    await waitFor(() => late.text.toString() === a.text.toString(), 5000, 'late joiner');
    expect(late.text.toString()).toBe(a.text.toString());

    // Everything is in the log, attributed to the right person, and the stored state equals the live one.
    await waitFor(async () => {
      const { state } = await loadDocumentState(t.db, documentId);
      const stored = new Y.Doc();
      Y.applyUpdate(stored, state);
      return stored.getText('body').toString() === a.text.toString();
    }, 5000, 'stored state to match');
    const rows = await t.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId));
    const authors = new Set(rows.map((row) => row.authorId));
    expect(authors).toEqual(new Set([alex.id, sam.id]));
    const seqs = rows.map((row) => row.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
  });

  it('shows who is here: awareness reaches the partner and goes away when they leave', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const a = await connect(alex.id, documentId);
    const b = await connect(sam.id, documentId);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('user', { name: 'Alex', color: '#336699' });
    await waitFor(() => [...b.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Alex'), 5000, 'Alex to appear');
    a.destroy();
    await waitFor(() => ![...b.provider.awareness.getStates().values()].some((state) => state.user?.name === 'Alex'), 5000, 'Alex to go');
  });

  it("nobody can move, rename or remove the other person's caret", async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const a = await connect(alex.id, documentId);
    const b = await connect(sam.id, documentId);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('user', { name: 'Alex' });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Alex', 5000, 'Alex to appear');
    // Sam's client forges an update for Alex's client id: renamed, then removed.
    const forged = new Awareness(new Y.Doc());
    forged.clientID = a.doc.clientID;
    forged.setLocalState({ user: { name: 'Not Alex' } });
    const meta = forged.meta.get(a.doc.clientID)!;
    meta.clock = 1000;
    const ws = b.provider.ws!;
    ws.send(encodeAwarenessMessage(encodeAwarenessUpdate(forged, [a.doc.clientID])));
    forged.setLocalState(null);
    forged.meta.get(a.doc.clientID)!.clock = 2000;
    ws.send(encodeAwarenessMessage(encodeAwarenessUpdate(forged, [a.doc.clientID])));
    forged.destroy();
    // A third person joining sees Alex as Alex.
    const c = await connect(sam.id, documentId);
    await waitFor(() => c.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Alex', 5000, 'Alex, unforged');
  });

  it('does not apply edits from a read-only connection (archived agreement)', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id, archived: true });
    const a = await connect(alex.id, documentId);
    const b = await connect(sam.id, documentId);
    await Promise.all([a.synced, b.synced]);
    a.text.insert(0, 'sneaky');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(b.text.toString()).toBe('');
    const rows = await t.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId));
    expect(rows).toHaveLength(0);
  });

  it('archiving closes open connections (4401) so they come back read-only; bringing it back makes them editable again', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const countRows = async () => (await t.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId))).length;
    const a = await connect(alex.id, documentId);
    const b = await connect(sam.id, documentId);
    await Promise.all([a.synced, b.synced]);
    a.text.insert(0, 'Before.');
    await waitFor(() => b.text.toString() === 'Before.', 5000, 'the first edit to reach Sam');

    await archiveAgreement(t.db, { userId: sam.id }, documentId);
    expect((await a.closed).code).toBe(4401);
    expect((await b.closed).code).toBe(4401);

    // With a fresh token the door admits Alex read-only: his edits reach no one and are not stored.
    const a2 = await connect(alex.id, documentId);
    const b2 = await connect(sam.id, documentId);
    await Promise.all([a2.synced, b2.synced]);
    expect(a2.text.toString()).toBe('Before.');
    await waitFor(async () => (await countRows()) === 1, 5000, 'the first edit to be stored');
    a2.text.insert(a2.text.length, ' Sneaky.');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(b2.text.toString()).toBe('Before.');
    expect(await countRows()).toBe(1);

    await unarchiveAgreement(t.db, { userId: alex.id }, documentId);
    expect((await b2.closed).code).toBe(4401);
    const b3 = await connect(sam.id, documentId);
    await b3.synced;
    b3.text.insert(b3.text.length, ' After.');
    await waitFor(async () => (await countRows()) === 2, 5000, 'the edit after bringing it back to be stored');
  });
});
