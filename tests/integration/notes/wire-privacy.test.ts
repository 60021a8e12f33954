/**
 * Privacy on the wire: what the partner's own clients receive, byte for byte, over the document
 * rooms (a plain `ws` client with a real partner token) and over socket.io (every raw frame), while
 * the author writes drafts and journal entries through the real realtime server.
 */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueRealtimeToken } from '../../../server/auth/realtime-token';
import { queryRows } from '../../../server/db/database';
import type { MendServer } from '../../../server/http-server';
import { createJournalEntry } from '../../../server/domain/journal/create-journal-entry';
import { deleteJournalEntry } from '../../../server/domain/journal/delete-journal-entry';
import { createNote } from '../../../server/domain/notes/create-note';
import { getNote } from '../../../server/domain/notes/get-note';
import { replyToNote } from '../../../server/domain/notes/reply-to-note';
import { retractNote } from '../../../server/domain/notes/retract-note';
import { shareNote } from '../../../server/domain/notes/share-note';
import { updateNoteDraft } from '../../../server/domain/notes/update-note-draft';
import { createSocketIoService } from '../../../server/realtime/socket-io/socket-io-service';
import { createYjsService } from '../../../server/realtime/yjs/yjs-service';
import { makeCouple } from '../../support/fixtures';
import { connectLiveClient, startLiveServer, TEST_AUTH_SECRET, waitForEvent, type RecordingClient } from '../../support/live-clients';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

const hurt = { family: 'hurt', word: 'betrayed', intensity: 4 };

async function documentToken(userId: string, documentId: string) {
  return (await issueRealtimeToken(TEST_AUTH_SECRET, { userId, scope: { kind: 'document', documentId } })).token;
}

/**
 * A plain ws client that asks for the whole document (sync step 1 with an empty state vector) as soon
 * as it is open, and records every byte it receives.
 */
function rawClient(server: MendServer, documentId: string, token: string | null) {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/realtime/yjs/${documentId}${token ? `?token=${encodeURIComponent(token)}` : ''}`);
  const received: Buffer[] = [];
  socket.on('message', (data) => received.push(data as Buffer));
  socket.once('open', () => socket.send(Uint8Array.from([0, 0, 1, 0])));
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  return { received, closed, socket };
}

/** The author's own editor: a stock y-websocket provider writing into the document's text. */
async function authorWrites(server: MendServer, userId: string, documentId: string, text: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/realtime/yjs`, documentId, doc, {
    params: { token: await documentToken(userId, documentId) },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  });
  const closed = new Promise<number>((resolve) => provider.on('connection-close', (event) => event && resolve(event.code)));
  await new Promise<void>((resolve) => provider.on('sync', (synced: boolean) => synced && resolve()));
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('default').insert(0, [paragraph]);
  return {
    closed,
    destroy() {
      provider.awareness.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}

async function waitUntil(predicate: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000) {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const containsBytes = (chunks: Buffer[], marker: string) => Buffer.concat(chunks).includes(Buffer.from(marker, 'utf8'));

describe.each(testDatabaseKinds())('notes and journal on the wire (%s)', (kind) => {
  const t = useTestDatabase(kind);
  let server: MendServer;
  beforeAll(async () => {
    server = await startLiveServer(t.handle, [createYjsService({ log: () => {} }), createSocketIoService({ log: () => {} })]);
  });
  afterAll(async () => {
    await server?.close();
  });

  const storedAnywhere = async (marker: string) => {
    const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from document_updates where position(convert_to(${marker}, 'UTF8') in update) > 0`);
    return Number(row?.n) > 0;
  };

  it('a draft: the partner’s room is refused (4403) without a byte, and no socket.io frame carries it', async () => {
    const { alex, sam, stranger } = await makeCouple(t.db);
    const samLive: RecordingClient = await connectLiveClient(server, sam.id);
    const strangerLive: RecordingClient = await connectLiveClient(server, stranger.id);
    const alexLive: RecordingClient = await connectLiveClient(server, alex.id);
    const marker = `DRAFTWIRE${Date.now()}`;

    const note = await createNote(t.db, { userId: alex.id }, { feelings: [hurt], whatINeed: `${marker} need` });
    const author = await authorWrites(server, alex.id, note.documentId, `${marker} what happened`);
    await waitUntil(() => storedAnywhere(marker), 'the draft text to be stored');
    await updateNoteDraft(t.db, { userId: alex.id }, note.id, { feelings: [hurt], whatINeed: `${marker} need, changed` });
    await waitForEvent(alexLive, 'note-drafts-changed');

    for (const [who, token] of [
      ['partner', await documentToken(sam.id, note.documentId)],
      ['stranger', await documentToken(stranger.id, note.documentId)],
    ] as const) {
      const raw = rawClient(server, note.documentId, token);
      expect(await raw.closed, who).toBe(4403);
      expect(raw.received, who).toHaveLength(0);
    }
    const anonymous = rawClient(server, note.documentId, null);
    expect(await anonymous.closed).toBe(4401);
    expect(anonymous.received).toHaveLength(0);

    // A positive control: the author's own raw client does receive the text, so the check above can fail.
    const own = rawClient(server, note.documentId, await documentToken(alex.id, note.documentId));
    await waitUntil(() => containsBytes(own.received, marker), 'the author to receive their own draft');
    own.socket.close();

    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const client of [samLive, strangerLive]) {
      expect(client.wire.join('\n')).not.toContain(marker);
      expect(client.wire.join('\n')).not.toContain(note.id);
      expect(client.received.map((e) => e.event)).not.toContain('note-drafts-changed');
    }
    expect(alexLive.wire.join('\n')).not.toContain(marker);

    // Once shared, the partner hears of it live (without content) and may read the frozen text.
    await shareNote(t.db, { userId: alex.id }, note.id);
    const shared = (await waitForEvent(samLive, 'note-shared')) as Record<string, unknown>;
    expect(shared).toEqual({ noteId: note.id, actorId: alex.id, actorName: 'Alex' });
    expect(samLive.wire.join('\n')).not.toContain(marker);
    const reading = rawClient(server, note.documentId, await documentToken(sam.id, note.documentId));
    await waitUntil(() => containsBytes(reading.received, marker), 'the partner to receive the shared text');
    reading.socket.close();
    expect(strangerLive.received.map((e) => e.event)).toEqual(expect.not.arrayContaining(['note-shared']));

    await replyToNote(t.db, { userId: sam.id }, note.id, { body: 'REPLYMARKER thank you' });
    await waitForEvent(alexLive, 'note-reply-added');
    expect(alexLive.wire.join('\n')).not.toContain('REPLYMARKER');

    // Retracted: the room refuses the partner again, and they are told only that it happened.
    await retractNote(t.db, { userId: alex.id }, note.id);
    await waitForEvent(samLive, 'note-retracted');
    const after = rawClient(server, note.documentId, await documentToken(sam.id, note.documentId));
    expect(await after.closed).toBe(4403);
    expect(after.received).toHaveLength(0);
    expect((await getNote(t.db, { userId: sam.id }, note.id)).visibility).toBe('retracted');
    expect(strangerLive.wire.join('\n')).not.toContain(note.id);

    author.destroy();
    for (const client of [samLive, strangerLive, alexLive]) client.close();
  });

  it('a journal entry: the partner gets 4403 and no byte; deleting it closes the owner’s room and leaves nothing stored', async () => {
    const { alex, sam, stranger } = await makeCouple(t.db);
    const samLive = await connectLiveClient(server, sam.id);
    const alexLive = await connectLiveClient(server, alex.id);
    const marker = `JOURNALWIRE${Date.now()}`;
    const entry = await createJournalEntry(t.db, { userId: alex.id }, { entryDate: '2026-11-24', feelings: [] });
    await waitForEvent(alexLive, 'journal-changed');
    const author = await authorWrites(server, alex.id, entry.documentId, `${marker} dear diary`);
    await waitUntil(() => storedAnywhere(marker), 'the journal text to be stored');

    for (const userId of [sam.id, stranger.id]) {
      const raw = rawClient(server, entry.documentId, await documentToken(userId, entry.documentId));
      expect(await raw.closed).toBe(4403);
      expect(raw.received).toHaveLength(0);
    }
    expect(samLive.received.map((e) => e.event)).not.toContain('journal-changed');
    expect(samLive.wire.join('\n')).not.toContain(entry.id);

    await deleteJournalEntry(t.db, { userId: alex.id }, entry.id);
    // Evicted: the owner's open room is closed as "no such document", and nothing is written back.
    expect(await author.closed).toBe(4404);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await storedAnywhere(marker)).toBe(false);
    const [snapshots] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from document_snapshots where position(convert_to(${marker}, 'UTF8') in state) > 0`);
    expect(Number(snapshots!.n)).toBe(0);
    const reopened = rawClient(server, entry.documentId, await documentToken(alex.id, entry.documentId));
    expect(await reopened.closed).toBe(4404);
    expect(reopened.received).toHaveLength(0);
    expect(samLive.wire.join('\n')).not.toContain(marker);

    author.destroy();
    samLive.close();
    alexLive.close();
  });
});
