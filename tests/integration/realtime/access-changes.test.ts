/**
 * Whatever changes who may read or write a document reaches the connections already open to it, at
 * once, through the one access-changed mechanism (server/events/access-events.ts): sharing a note
 * freezes it, retracting closes the partner's room, deleting evicts, a closed space turns the one who
 * stayed read-only and shuts the one who left out. Each case with stock y-websocket clients (or raw
 * `ws` clients) that were open before the change.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentUpdates, spaceMembers, spaces } from '../../../drizzle/schema';
import { onAccessChanged, publishSpaceAccessChanged, type AccessChange } from '../../../server/events/access-events';
import { deleteAccount } from '../../../server/domain/accounts/delete-account';
import { acceptInvite } from '../../../server/domain/spaces/accept-invite';
import { createInvite } from '../../../server/domain/spaces/create-invite';
import { createSpace } from '../../../server/domain/spaces/create-space';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { createJournalEntry } from '../../../server/domain/journal/create-journal-entry';
import { deleteJournalEntry } from '../../../server/domain/journal/delete-journal-entry';
import { createNote } from '../../../server/domain/notes/create-note';
import { deleteNoteDraft } from '../../../server/domain/notes/delete-note-draft';
import { retractNote } from '../../../server/domain/notes/retract-note';
import { shareNote } from '../../../server/domain/notes/share-note';
import { loadDocumentState } from '../../../server/documents/document-store';
import { encodeUpdateMessage } from '../../../server/realtime/yjs/protocol';
import { findRoomSlot } from '../../../server/realtime/yjs/room-registry';
import { applyServerEdit } from '../../../server/documents/document-hub';
import { makeCouple, makeUser } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import { connectClient, connectRaw, documentToken, makeDocument, sleep, useRealtimeServer, waitFor, type TestClient } from './realtime-harness';

const hurt = { family: 'hurt', word: 'betrayed', intensity: 4 };

/** The close code, or 'still open' when the connection was not closed within `ms`. */
async function closedWithin(closed: Promise<{ code: number }>, ms = 3000): Promise<number | 'still open'> {
  return Promise.race([closed.then((event) => event.code), sleep(ms).then(() => 'still open' as const)]);
}

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe.each(testDatabaseKinds())('open connections follow access changes, on %s', (kind) => {
  const t = useTestDatabase(kind);
  const realtime = useRealtimeServer(t);
  const connect = async (userId: string, documentId: string): Promise<TestClient> => {
    const client = connectClient(realtime.wsOrigin, documentId, await documentToken(userId, documentId));
    realtime.clients.push(client);
    await client.synced;
    return client;
  };
  const storedText = async (documentId: string) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await loadDocumentState(t.db, documentId)).state);
    return doc.getText('body').toString();
  };
  const rowCount = async (documentId: string) => (await t.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId))).length;

  it('sharing a note freezes it: a tab still open on the draft reconnects read-only, and what it types after sharing reaches nobody and is not stored', async () => {
    const { alex, sam } = await makeCouple(t.db);
    const note = await createNote(t.db, { userId: alex.id }, { feelings: [hurt], whatINeed: '' });
    const firstTab = await connect(alex.id, note.documentId);
    const secondTab = await connect(alex.id, note.documentId);
    firstTab.text.insert(0, 'What happened.');
    await waitFor(() => secondTab.text.toString() === 'What happened.', 5000, 'the draft text in the second tab');
    await waitFor(async () => (await rowCount(note.documentId)) === 1, 5000, 'the draft text to be stored');

    await shareNote(t.db, { userId: alex.id }, note.id);
    // Both tabs are told to come back under what they may do now.
    expect(await closedWithin(firstTab.closed)).toBe(4401);
    expect(await closedWithin(secondTab.closed)).toBe(4401);

    // The second tab keeps typing (the page has not reacted yet), then comes back with a fresh token, read-only.
    secondTab.text.insert(secondTab.text.length, ' Typed after sharing.');
    secondTab.provider.params.token = await documentToken(alex.id, note.documentId);
    secondTab.provider.connect();
    const partner = await connect(sam.id, note.documentId);
    await sleep(500);
    expect(partner.text.toString()).toBe('What happened.');
    expect(await rowCount(note.documentId)).toBe(1);
    expect(await storedText(note.documentId)).toBe('What happened.');
  });

  it('retracting a shared note closes the partner’s open room (4403): nothing more of it reaches them', async () => {
    const { alex, sam } = await makeCouple(t.db);
    const note = await createNote(t.db, { userId: alex.id }, { feelings: [hurt], whatINeed: '' });
    const author = await connect(alex.id, note.documentId);
    author.text.insert(0, 'What happened.');
    await waitFor(async () => (await rowCount(note.documentId)) === 1, 5000, 'the note text to be stored');
    await shareNote(t.db, { userId: alex.id }, note.id);

    const partner = connectRaw(realtime.wsOrigin, note.documentId, await documentToken(sam.id, note.documentId));
    partner.socket.once('open', () => partner.socket.send(Uint8Array.from([0, 0, 1, 0])));
    await waitFor(() => Buffer.concat(partner.received).includes(Buffer.from('What happened.')), 5000, 'the partner to read the shared note');

    await retractNote(t.db, { userId: alex.id }, note.id);
    expect(await closedWithin(partner.closed)).toBe(4403);
    // Text the author's side adds afterwards (here through the server) is not sent to the closed partner.
    const before = partner.received.length;
    await applyServerEdit(t.db, note.documentId, textUpdate('AFTER-RETRACT'), alex.id);
    await sleep(300);
    expect(partner.received.length).toBe(before);
    expect(Buffer.concat(partner.received).includes(Buffer.from('AFTER-RETRACT'))).toBe(false);
    // And the partner cannot come back.
    const again = connectRaw(realtime.wsOrigin, note.documentId, await documentToken(sam.id, note.documentId));
    expect((await again.closed).code).toBe(4403);
    expect(again.received).toHaveLength(0);
  });

  it('deleting a draft evicts it: every open tab is closed with 4404 and nothing is written back', async () => {
    const { alex } = await makeCouple(t.db);
    const note = await createNote(t.db, { userId: alex.id }, { feelings: [hurt], whatINeed: '' });
    const firstTab = await connect(alex.id, note.documentId);
    const secondTab = await connect(alex.id, note.documentId);
    firstTab.text.insert(0, 'Never mind.');
    await deleteNoteDraft(t.db, { userId: alex.id }, note.id);
    expect(await closedWithin(firstTab.closed)).toBe(4404);
    expect(await closedWithin(secondTab.closed)).toBe(4404);
    expect(findRoomSlot(note.documentId)).toBeUndefined();
    await sleep(400);
    expect(await rowCount(note.documentId)).toBe(0);
  });

  it('deleting a journal entry evicts it from the owner’s open tab (4404)', async () => {
    const { alex } = await makeCouple(t.db);
    const entry = await createJournalEntry(t.db, { userId: alex.id }, { entryDate: '2025-01-02', feelings: [] });
    const tab = await connect(alex.id, entry.documentId);
    tab.text.insert(0, 'Only mine.');
    await deleteJournalEntry(t.db, { userId: alex.id }, entry.id);
    expect(await closedWithin(tab.closed)).toBe(4404);
    expect(findRoomSlot(entry.documentId)).toBeUndefined();
    await sleep(400);
    expect(await rowCount(entry.documentId)).toBe(0);
  });

  it('a space that closes: the one who left is shut out (4403), the one who stayed comes back read-only', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const agreement = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const leaver = await connect(sam.id, agreement);
    const stayer = await connect(alex.id, agreement);
    stayer.text.insert(0, 'We agreed.');
    await waitFor(() => leaver.text.toString() === 'We agreed.', 5000, 'the text to reach both');
    await waitFor(async () => (await rowCount(agreement)) === 1, 5000, 'the text to be stored');

    // What leaving does to the rows: the leaver's membership goes, the stayer's ends, the space closes.
    const now = new Date();
    await t.db.transaction(async (tx) => {
      await tx.delete(spaceMembers).where(and(eq(spaceMembers.spaceId, space.id), eq(spaceMembers.userId, sam.id)));
      await tx.update(spaceMembers).set({ endedAt: now }).where(and(eq(spaceMembers.spaceId, space.id), eq(spaceMembers.userId, alex.id)));
      await tx.update(spaces).set({ closedAt: now, closedBy: sam.id }).where(eq(spaces.id, space.id));
    });
    await publishSpaceAccessChanged(space.id);

    expect(await closedWithin(leaver.closed)).toBe(4403);
    expect(await closedWithin(stayer.closed)).toBe(4401);
    const leaverAgain = connectRaw(realtime.wsOrigin, agreement, await documentToken(sam.id, agreement));
    expect((await leaverAgain.closed).code).toBe(4403);
    expect(leaverAgain.received).toHaveLength(0);

    // The stayer reads what was agreed; what they type is not applied.
    stayer.provider.params.token = await documentToken(alex.id, agreement);
    stayer.provider.connect();
    const reader = await connect(alex.id, agreement);
    expect(reader.text.toString()).toBe('We agreed.');
    stayer.text.insert(stayer.text.length, ' Changed after closing.');
    await sleep(500);
    expect(reader.text.toString()).toBe('We agreed.');
    expect(await rowCount(agreement)).toBe(1);
  });

  it('a read-only connection never gets an update applied, whatever it sends', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const agreement = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id, archived: true });
    const watcher = await connect(alex.id, agreement);
    const raw = connectRaw(realtime.wsOrigin, agreement, await documentToken(sam.id, agreement));
    await raw.opened;
    const update = textUpdate('SNEAKY');
    // As an update, as sync step 2, and as an answer to the server's own sync step 1.
    raw.socket.send(encodeUpdateMessage(update));
    const step2 = encodeUpdateMessage(update);
    step2[1] = 1;
    raw.socket.send(step2);
    await sleep(500);
    expect(watcher.text.toString()).toBe('');
    expect(await rowCount(agreement)).toBe(0);
    expect(findRoomSlot(agreement)?.room?.doc.getText('body').toString()).toBe('');
    expect(raw.socket.readyState).toBe(raw.socket.OPEN);
  });

  it('leaving the space for real: the one who stayed comes back read-only (4401), the one who left is shut out (4403)', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const agreement = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const stayer = await connect(alex.id, agreement);
    const leaver = await connect(sam.id, agreement);
    stayer.text.insert(0, 'Kept.');
    await waitFor(async () => (await rowCount(agreement)) === 1, 5000, 'the text to be stored');

    await leaveSpace(t.db, { userId: sam.id }, space.id);
    expect(await closedWithin(leaver.closed)).toBe(4403);
    expect(await closedWithin(stayer.closed)).toBe(4401);
    stayer.provider.params.token = await documentToken(alex.id, agreement);
    stayer.provider.connect();
    await waitFor(() => stayer.provider.wsconnected, 5000, 'the stayer to come back');
    stayer.text.insert(stayer.text.length, ' Typed after the space closed.');
    await sleep(500);
    expect(await storedText(agreement)).toBe('Kept.');
  });

  it('deleting an account: the partner’s open agreement comes back read-only (4401); the deleted person’s journal and agreement tabs are closed and their journal is gone (4404 from then on)', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const agreement = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const entry = await createJournalEntry(t.db, { userId: sam.id }, { entryDate: '2025-01-02', feelings: [] });
    const partner = await connect(alex.id, agreement);
    const deleterAgreement = await connect(sam.id, agreement);
    const deleterJournal = await connect(sam.id, entry.documentId);
    deleterJournal.text.insert(0, 'Private.');

    await deleteAccount(t.db, sam.id, 'correct horse battery');
    expect(await closedWithin(partner.closed)).toBe(4401);
    expect(typeof (await closedWithin(deleterAgreement.closed))).toBe('number');
    expect(typeof (await closedWithin(deleterJournal.closed))).toBe('number');
    expect(findRoomSlot(entry.documentId)).toBeUndefined();
    await sleep(400);
    expect(await rowCount(entry.documentId)).toBe(0);
    const again = connectRaw(realtime.wsOrigin, entry.documentId, await documentToken(sam.id, entry.documentId));
    expect((await again.closed).code).toBe(4404);
    expect(again.received).toHaveLength(0);
    // The partner reads on, read-only.
    partner.provider.params.token = await documentToken(alex.id, agreement);
    partner.provider.connect();
    await waitFor(() => partner.provider.wsconnected, 5000, 'the partner to come back');
  });

  it('a new member joining: the space is checked again, and the creator’s open tab keeps editing with the newcomer', async () => {
    const alex = await makeUser(t.db, 'Alex');
    const sam = await makeUser(t.db, 'Sam');
    const space = await createSpace(t.db, alex.id, 'Alex & Sam');
    const agreement = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const creator = await connect(alex.id, agreement);
    creator.text.insert(0, 'Before you came.');
    const changes: AccessChange[] = [];
    const stop = onAccessChanged((change) => void changes.push(change));
    try {
      const { token } = await createInvite(t.db, { userId: alex.id }, space.id);
      await acceptInvite(t.db, sam.id, token);
    } finally {
      stop();
    }
    expect(changes).toEqual([{ kind: 'space', spaceId: space.id }]);
    const newcomer = await connect(sam.id, agreement);
    expect(newcomer.text.toString()).toBe('Before you came.');
    newcomer.text.insert(newcomer.text.length, ' Now both.');
    await waitFor(() => creator.text.toString() === 'Before you came. Now both.', 5000, 'the newcomer’s text to reach the creator');
    expect(await closedWithin(creator.closed, 300)).toBe('still open');
  });
});
