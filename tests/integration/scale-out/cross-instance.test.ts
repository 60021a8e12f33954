/**
 * Two real Mend processes on one PostgreSQL database and Redis, with stock socket.io-client and
 * y-websocket clients, partner A on instance 1 and partner B on instance 2. The test process joins
 * the cluster's bus, so a change it makes through domain code (sharing a note, leaving the space,
 * signing out everywhere) is announced the way a server action on any instance announces it.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentUpdates } from '../../../drizzle/schema';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { documentSchema } from '../../../server/documents/editor-schema';
import { revokeAllSessions, startSession } from '../../../server/auth/sessions';
import { createNote } from '../../../server/domain/notes/create-note';
import { retractNote } from '../../../server/domain/notes/retract-note';
import { shareNote } from '../../../server/domain/notes/share-note';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { archiveAgreement } from '../../../server/domain/agreements/archive-agreement';
import { deleteAccount } from '../../../server/domain/accounts/delete-account';
import { deleteNoteDraft } from '../../../server/domain/notes/delete-note-draft';
import { publishSessionsRevoked } from '../../../server/events/session-events';
import { saveNoticePreferences } from '../../../server/notices/notice-preferences';
import { listNoticeDeliveries } from '../../../server/notices/notifier';
import type { ConversationView } from '../../../server/domain/conversations/conversation-view';
import type { ConversationAck } from '../../../server/realtime/socket-io/conversation-feature';
import { makeCouple } from '../../support/fixtures';
import { waitForEvent } from '../../support/live-clients';
import { startMendCluster, type MendCluster } from '../../support/mend-cluster';
import { connectDocument, connectSocket, documentTokenFor, socketToken, within, type ClusterSocket } from '../../support/cluster-clients';
import { scaleOutTestsCanRun } from '../../support/test-redis';
import { makeDocument } from '../realtime/realtime-harness';

const canRun = scaleOutTestsCanRun();
const hurt = { family: 'hurt', word: 'betrayed', intensity: 4 };

type People = { people: { name: string }[] };
const names = (p: People) => p.people.map((x) => x.name).join();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const countOf = (client: ClusterSocket, event: string) => client.received.filter((e) => e.event === event).length;

function act(client: ClusterSocket, action: Record<string, unknown>): Promise<ConversationAck> {
  return client.socket.timeout(8000).emitWithAck('conversation-action-to-server', action) as Promise<ConversationAck>;
}
async function must(client: ClusterSocket, action: Record<string, unknown>): Promise<ConversationView> {
  const ack = await act(client, action);
  if (!ack.ok) throw new Error(`${String(action.type)} refused: ${ack.reason}`);
  return ack.conversation;
}
async function latestState(client: ClusterSocket, predicate: (view: ConversationView | null) => boolean, timeoutMs = 8000): Promise<ConversationView | null> {
  const started = Date.now();
  for (;;) {
    const last = client.received.filter((e) => e.event === 'conversation-state-to-client').at(-1)?.args[0] as { conversation: ConversationView | null } | undefined;
    if (last && predicate(last.conversation)) return last.conversation;
    if (Date.now() - started > timeoutMs) throw new Error(`no matching conversation state; last phase ${last?.conversation?.phase}`);
    await sleep(20);
  }
}

describe.skipIf(!canRun)('two Mend instances on PostgreSQL and Redis', () => {
  let cluster: MendCluster;
  let one: string;
  let two: string;
  const open: { close(): void }[] = [];
  const track = <T extends { close(): void }>(client: T): T => {
    open.push(client);
    return client;
  };
  const db = () => cluster.database.db;
  const socketOn = async (url: string, userId: string, sessionId?: string) => track(await connectSocket(url, await socketToken(cluster.authSecret, userId, sessionId)));
  const documentOn = async (url: string, userId: string, documentId: string, sessionId?: string) => {
    const client = connectDocument(url, documentId, await documentTokenFor(cluster.authSecret, userId, documentId, sessionId));
    open.push({ close: () => client.destroy() });
    return client;
  };

  beforeAll(async () => {
    cluster = await startMendCluster({ instances: 2, env: { MEND_TEST_MODE: '1', MEND_PAUSE_MINIMUM_SECONDS: '3' } });
    await cluster.joinBus();
    [one, two] = cluster.instances.map((instance) => instance.url) as [string, string];
  }, 180_000);
  afterAll(async () => {
    for (const client of open.splice(0)) client.close();
    await cluster?.stop();
  }, 60_000);

  it('admits a token made for one instance on the other, and refuses a stranger on either', async () => {
    const { alex, sam, stranger, space } = await makeCouple(db());
    const documentId = await makeDocument(db(), { spaceId: space.id, createdBy: alex.id });
    for (const url of [one, two]) {
      const intruder = await documentOn(url, stranger.id, documentId);
      expect((await within(intruder.closed, 10_000, 'the stranger to be refused')).code).toBe(4403);
      expect(intruder.text.toString()).toBe('');
      const forged = connectDocument(url, documentId, await documentTokenFor('x'.repeat(40), alex.id, documentId));
      open.push({ close: () => forged.destroy() });
      expect((await within(forged.closed, 10_000, 'a forged token to be refused')).code).toBe(4401);
      await expect(connectSocket(url, await socketToken('y'.repeat(40), alex.id))).rejects.toMatchObject({ data: { code: 'invalid-token' } });
    }
    // Both partners in, one on each instance; the stranger's socket on either hears nothing of theirs.
    const a = await socketOn(one, alex.id);
    const s = await socketOn(two, sam.id);
    const strangerOnOne = await socketOn(one, stranger.id);
    const strangerOnTwo = await socketOn(two, stranger.id);
    await waitForEvent(a, 'presence-changed', (p: People) => names(p) === 'Alex,Sam', 10_000);
    const note = await createNote(db(), { userId: alex.id }, { feelings: [hurt] });
    await writeWords(note.documentId, alex.id, 'what happened');
    await shareNote(db(), { userId: alex.id }, note.id);
    await waitForEvent(s, 'note-shared', () => true, 10_000);
    await sleep(500);
    for (const client of [strangerOnOne, strangerOnTwo]) {
      expect(client.received.some((e) => e.event === 'note-shared')).toBe(false);
      expect(client.wire.join('')).not.toContain('Alex');
    }
  });

  it('shows who is here across instances, and who left', async () => {
    const { alex, sam } = await makeCouple(db());
    const a = await socketOn(one, alex.id);
    const s = await socketOn(two, sam.id);
    await waitForEvent(a, 'presence-changed', (p: People) => names(p) === 'Alex,Sam', 10_000);
    await waitForEvent(s, 'presence-changed', (p: People) => names(p) === 'Alex,Sam', 10_000);
    // Sam on a second device on the other instance: still one Sam; closing one device leaves Sam here.
    const sOnOne = await socketOn(one, sam.id);
    await waitForEvent(sOnOne, 'presence-changed', (p: People) => names(p) === 'Alex,Sam', 10_000);
    const seen = a.received.length;
    s.close();
    await sleep(1500);
    const since = a.received.slice(seen).filter((e) => e.event === 'presence-changed');
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((e) => names(e.args[0] as People) === 'Alex,Sam')).toBe(true);
    sOnOne.close();
    await within(
      (async () => {
        for (;;) {
          const last = a.received.filter((e) => e.event === 'presence-changed').at(-1)?.args[0] as People;
          if (names(last) === 'Alex') return;
          await sleep(20);
        }
      })(),
      10_000,
      "Alex's screen to show Sam gone",
    );
  });

  it('delivers each live event once to each socket, wherever it was published', async () => {
    const { alex, sam } = await makeCouple(db());
    const a = await socketOn(one, alex.id);
    const s = await socketOn(two, sam.id);
    const s2 = await socketOn(one, sam.id); // Sam's second device, on the other instance
    await waitForEvent(a, 'presence-changed', (p: People) => names(p) === 'Alex,Sam', 10_000);
    // Published by the test process (any instance's server action).
    const note = await createNote(db(), { userId: alex.id }, { feelings: [hurt] });
    await writeWords(note.documentId, alex.id, 'what happened');
    await shareNote(db(), { userId: alex.id }, note.id);
    // Published by instance 1 itself: a conversation proposed by Alex's socket there.
    await must(a, { type: 'propose', topic: 'Sundays', turnMinutes: 2 });
    for (const client of [a, s, s2]) {
      await waitForEvent(client, 'note-shared', () => true, 10_000);
      await waitForEvent(client, 'conversation-proposed', () => true, 10_000);
    }
    await sleep(800);
    for (const client of [a, s, s2]) {
      expect(countOf(client, 'note-shared')).toBe(1);
      expect(countOf(client, 'conversation-proposed')).toBe(1);
    }
  });

  it('tells the partner outside the app once, not once per instance', async () => {
    const { alex, sam } = await makeCouple(db());
    await saveNoticePreferences(db(), sam.id, { email: ['conversation-proposed'] });
    const a = await socketOn(one, alex.id);
    const outboxFiles = () =>
      cluster.instances.flatMap((instance) => {
        const outbox = path.join(instance.dataDir, 'outbox');
        return existsSync(outbox) ? readdirSync(outbox).filter((name) => name.endsWith('.eml')) : [];
      });
    const before = outboxFiles().length;
    await must(a, { type: 'propose', topic: 'Holidays', turnMinutes: 2 });
    const started = Date.now();
    while (!(await listNoticeDeliveries(db(), sam.id)).some((row) => row.sentAt)) {
      if (Date.now() - started > 15_000) throw new Error('no notice was sent');
      await sleep(100);
    }
    await sleep(1500);
    expect(await listNoticeDeliveries(db(), sam.id)).toHaveLength(1);
    expect(outboxFiles().length - before).toBe(1);
    expect(await listNoticeDeliveries(db(), alex.id)).toHaveLength(0);
  });

  it('runs a conversation with the partners on different instances; a deadline wakes each screen once', async () => {
    const { alex, sam } = await makeCouple(db());
    const a = await socketOn(one, alex.id);
    const s = await socketOn(two, sam.id);
    const { id } = await must(a, { type: 'propose', topic: 'How we talk', turnMinutes: 2 });
    expect(await latestState(s, (v) => v?.phase === 'proposed')).toMatchObject({ topic: 'How we talk', proposedBy: alex.id });
    await must(s, { type: 'accept', conversationId: id });
    await latestState(a, (v) => v?.phase !== 'proposed' && v !== null);
    await must(a, { type: 'arrive', conversationId: id });
    await must(a, { type: 'check-in', conversationId: id, feelings: ['anxious'], intensity: 3 });
    await latestState(s, (v) => v?.checkIn.partnerHasCheckedIn === true);
    // A call rings across instances (relayed to the partner's room through the adapter), once.
    const ring = { conversationId: id, callId: crypto.randomUUID(), fromDevice: 'alex-laptop-1', toDevice: null, signal: { kind: 'ring' } };
    expect(await a.socket.timeout(8000).emitWithAck('call-signal-to-server', ring)).toEqual({ ok: true });
    await waitForEvent(s, 'call-signal-to-client', (d: { callId: string; fromUserId: string }) => d.callId === ring.callId && d.fromUserId === alex.id, 10_000);
    await sleep(300);
    expect(countOf(s, 'call-signal-to-client')).toBe(1);
    expect(countOf(a, 'call-signal-to-client')).toBe(0);
    // Sam's wire never carries Alex's check-in before both have chosen.
    expect(s.wire.join('')).not.toContain('anxious');
    await must(s, { type: 'check-in', conversationId: id, feelings: ['hopeful'], intensity: 2 });
    await latestState(a, (v) => v?.checkIn.partnerHasCheckedIn === true);

    const paused = await must(s, { type: 'pause', conversationId: id, returnAt: Date.now() + 30 * 60_000 });
    expect(paused.pause).toBeTruthy();
    await latestState(a, (v) => Boolean(v?.pause));
    await sleep(300);
    const before = { a: countOf(a, 'conversation-state-to-client'), s: countOf(s, 'conversation-state-to-client') };
    // The 3-second pause minimum passes: one wake-up per screen, not one per instance.
    await sleep(5000);
    expect(countOf(a, 'conversation-state-to-client') - before.a).toBe(1);
    expect(countOf(s, 'conversation-state-to-client') - before.s).toBe(1);
    const ready = await must(a, { type: 'ready', conversationId: id });
    expect(ready.id).toBe(id);
    await must(s, { type: 'end', conversationId: id });
    expect(await latestState(a, (v) => v?.phase === 'ended' || v === null)).not.toBeUndefined();
  });

  it('closes what a change of access ends, on the instance that holds the connection', async () => {
    const { alex, sam } = await makeCouple(db());
    const note = await createNote(db(), { userId: alex.id }, { feelings: [hurt] });
    await writeWords(note.documentId, alex.id, 'NOTE-WORDS');
    // Alex edits the draft on instance 2; sharing freezes it: the edit connection comes back read-only (4401).
    const draft = await documentOn(two, alex.id, note.documentId);
    await within(draft.synced, 10_000, "Alex's draft to load");
    await shareNote(db(), { userId: alex.id }, note.id);
    expect((await within(draft.closed, 10_000, "Alex's edit connection to close after sharing")).code).toBe(4401);
    // Sam reads the shared note on instance 2; Alex retracts it (announced from elsewhere): Sam's connection closes with 4403.
    const reader = await documentOn(two, sam.id, note.documentId);
    await within(reader.synced, 10_000, 'Sam to read the shared note');
    expect(reader.doc.getXmlFragment('default').toString()).toContain('NOTE-WORDS');
    await retractNote(db(), { userId: alex.id }, note.id);
    expect((await within(reader.closed, 10_000, "Sam's connection to close after the retraction")).code).toBe(4403);
  });

  it('applies every other change of access on whichever instance holds the connection', async () => {
    const { alex, sam, space } = await makeCouple(db());
    // Archiving an agreement: both partners' edit connections, one per instance, come back read-only (4401).
    const agreement = await makeDocument(db(), { spaceId: space.id, createdBy: alex.id });
    const alexEdits = await documentOn(one, alex.id, agreement);
    const samEdits = await documentOn(two, sam.id, agreement);
    await within(Promise.all([alexEdits.synced, samEdits.synced]), 10_000, 'both to load the agreement');
    await archiveAgreement(db(), { userId: alex.id }, agreement);
    expect((await within(alexEdits.closed, 10_000, "Alex's connection after archiving")).code).toBe(4401);
    expect((await within(samEdits.closed, 10_000, "Sam's connection after archiving")).code).toBe(4401);

    // Deleting a draft: the author's connection on the other instance closes with 4404.
    const note = await createNote(db(), { userId: alex.id }, { feelings: [hurt] });
    const draft = await documentOn(two, alex.id, note.documentId);
    await within(draft.synced, 10_000, 'the draft to load');
    await deleteNoteDraft(db(), { userId: alex.id }, note.id);
    expect((await within(draft.closed, 10_000, 'the draft connection after deleting it')).code).toBe(4404);

    // Deleting an account closes the space: the deleted account's connection ends for good, the one who stays reads (4401).
    const other = await makeDocument(db(), { spaceId: space.id, createdBy: alex.id });
    const samOnOne = await documentOn(one, sam.id, other);
    const alexOnTwo = await documentOn(two, alex.id, other);
    await within(Promise.all([samOnOne.synced, alexOnTwo.synced]), 10_000, 'both to load the second agreement');
    await deleteAccount(db(), sam.id, 'correct horse battery');
    expect((await within(samOnOne.closed, 10_000, "the deleted account's connection")).code).toBeGreaterThanOrEqual(4400);
    expect((await within(alexOnTwo.closed, 10_000, "the partner's connection after the space closed")).code).toBe(4401);
  });

  it('ends a leaver’s connections on every instance, and every session’s after "sign out everywhere"', async () => {
    const { alex, sam, space } = await makeCouple(db());
    const documentId = await makeDocument(db(), { spaceId: space.id, createdBy: alex.id });
    const s1 = await socketOn(one, sam.id);
    const s2 = await socketOn(two, sam.id);
    const a = await socketOn(one, alex.id);
    const samDoc = await documentOn(two, sam.id, documentId);
    await within(samDoc.synced, 10_000, "Sam's agreement to load");
    await waitForEvent(a, 'presence-changed', (p: People) => names(p) === 'Alex,Sam', 10_000);
    await leaveSpace(db(), { userId: sam.id }, space.id);
    for (const client of [s1, s2]) {
      await waitForEvent(client, 'space-access-ended', () => true, 10_000);
      expect(await within(client.disconnected, 10_000, "Sam's socket to close")).toBe('io server disconnect');
    }
    expect((await within(samDoc.closed, 10_000, "Sam's document connection to close")).code).toBe(4403);
    await waitForEvent(a, 'presence-changed', (p: People) => names(p) === 'Alex', 10_000);

    // Alex on two devices, one per instance, then "sign out everywhere".
    const laptop = await startSession(db(), alex.id, 'laptop');
    const phone = await startSession(db(), alex.id, 'phone');
    const onLaptop = await socketOn(one, alex.id, laptop);
    const onPhone = await socketOn(two, alex.id, phone);
    const phoneDoc = await documentOn(two, alex.id, documentId, phone);
    await within(phoneDoc.synced, 10_000, "Alex's agreement to load on the phone");
    await revokeAllSessions(db(), alex.id);
    publishSessionsRevoked({ userId: alex.id, sessionIds: null });
    await within(onLaptop.disconnected, 10_000, 'the laptop socket to close');
    await within(onPhone.disconnected, 10_000, 'the phone socket to close');
    expect((await within(phoneDoc.closed, 10_000, "the phone's document connection to close")).code).toBeGreaterThanOrEqual(4400);
  });

  async function writeWords(documentId: string, authorId: string, text: string): Promise<void> {
    const ydoc = prosemirrorJSONToYDoc(documentSchema(), { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }, 'default');
    await db().insert(documentUpdates).values({ documentId, seq: 1, update: Y.encodeStateAsUpdate(ydoc), authorId });
  }
});
