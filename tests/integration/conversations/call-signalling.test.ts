/**
 * The live relay inside a conversation (call signalling and the speaker's words) against a real
 * Mend server on port 0 with real socket.io clients, on PGlite and PostgreSQL. Only the two
 * participants of a going conversation reach each other; a stranger, a former partner and a member
 * of another conversation cannot inject a single frame, and nothing relayed is ever stored.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { conversationEvents, conversations } from '../../../drizzle/schema';
import type { MendServer } from '../../../server/http-server';
import type { Database } from '../../../server/db/database';
import { conversationFeature, type ConversationAck } from '../../../server/realtime/socket-io/conversation-feature';
import { callSignallingFeature } from '../../../server/realtime/socket-io/call-signalling';
import { createSocketIoService } from '../../../server/realtime/socket-io/socket-io-service';
import type { ConversationView } from '../../../server/domain/conversations/conversation-view';
import { acceptInvite } from '../../../server/domain/spaces/accept-invite';
import { createInvite } from '../../../server/domain/spaces/create-invite';
import { createSpace } from '../../../server/domain/spaces/create-space';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { makeUser } from '../../support/fixtures';
import { connectLiveClient, startLiveServer, type RecordingClient } from '../../support/live-clients';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

const MINUTE = 60_000;
const SDP = 'v=0\r\no=- 46117317 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';

async function pair(db: Database, a: string, b: string, name: string) {
  const space = await createSpace(db, a, name);
  const { token } = await createInvite(db, { userId: a }, space.id);
  await acceptInvite(db, b, token);
  return space;
}

function emit(client: RecordingClient, event: string, payload: unknown): Promise<{ ok: boolean; code?: string; reason?: string }> {
  return client.socket.timeout(5000).emitWithAck(event, payload);
}

async function must(client: RecordingClient, action: Record<string, unknown>): Promise<ConversationView> {
  const ack = (await emit(client, 'conversation-action-to-server', action)) as ConversationAck;
  if (!ack.ok) throw new Error(`${String(action.type)} refused: ${ack.reason}`);
  return ack.conversation;
}

const received = (client: RecordingClient, event: string) => client.received.filter((e) => e.event === event).map((e) => e.args[0] as Record<string, unknown>);

async function eventually(check: () => void, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Frames that were refused would have arrived by now if they had been relayed. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

function callFrame(conversationId: string, signal: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { conversationId, callId: '6f9619ff-8b86-4011-b42d-00c04fc964ff', fromDevice: 'device-aaaaaaaa', toDevice: null, signal, ...extra };
}

describe.each(testDatabaseKinds())('call signalling and the speaker\'s words on %s', (kind) => {
  const t = useTestDatabase(kind);
  let clock = Date.UTC(2026, 10, 24, 12, 0, 0);
  let server: MendServer;
  const clients: RecordingClient[] = [];
  const connect = async (userId: string) => {
    const client = await connectLiveClient(server, userId);
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    server = await startLiveServer(t.handle, [createSocketIoService({ features: [conversationFeature({ now: () => clock }), callSignallingFeature({ now: () => clock })] })]);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Sam and Alex in a going conversation (checked in, reveal over, Sam speaking); Alex's former partner Jordan; Robin proposing a conversation of their own to Kim. */
  async function scene() {
    const [alex, sam, jordan, robin, kim] = await Promise.all(['Alex', 'Sam', 'Jordan', 'Robin', 'Kim'].map((name) => makeUser(t.db, name)));
    const former = await pair(t.db, alex!.id, jordan!.id, 'Alex & Jordan');
    await leaveSpace(t.db, { userId: jordan!.id }, former.id);
    await pair(t.db, sam!.id, alex!.id, 'Sam & Alex');
    await pair(t.db, robin!.id, kim!.id, 'Robin & Kim');
    const a = await connect(alex!.id);
    const s = await connect(sam!.id);
    const { id } = await must(s, { type: 'propose', topic: 'Where we live', turnMinutes: 2 });
    await must(a, { type: 'accept', conversationId: id });
    await must(s, { type: 'arrive', conversationId: id });
    await must(s, { type: 'check-in', conversationId: id, feelings: ['hopeful'], intensity: 2 });
    await must(a, { type: 'check-in', conversationId: id, feelings: ['worried'], intensity: 3 });
    clock += 10_000;
    const r = await connect(robin!.id);
    const k = await connect(kim!.id);
    const other = await must(r, { type: 'propose', topic: 'Our own talk', turnMinutes: 2 });
    return { alex: alex!, sam: sam!, jordan: jordan!, robin: robin!, a, s, r, k, id, otherId: other.id };
  }

  it('relays a call between the two participants only, each frame checked; hanging up always passes', async () => {
    const { sam, jordan, a, s, r, k, id, otherId } = await scene();
    // Sam (who proposed, so speaks first) rings; Alex's page hears it, with who sent it set by the server.
    expect(await emit(s, 'call-signal-to-server', callFrame(id, { kind: 'ring' }, { fromUserId: 'forged' }))).toMatchObject({ ok: false, code: 'invalid' });
    expect(await emit(s, 'call-signal-to-server', callFrame(id, { kind: 'ring' }))).toEqual({ ok: true });
    expect(await emit(a, 'call-signal-to-server', callFrame(id, { kind: 'offer', sdp: SDP }, { fromDevice: 'device-bbbbbbbb', toDevice: 'device-aaaaaaaa' }))).toEqual({ ok: true });
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'abcd' };
    expect(await emit(s, 'call-signal-to-server', callFrame(id, { kind: 'ice', candidate }))).toEqual({ ok: true });
    await eventually(() => {
      expect(received(a, 'call-signal-to-client').map((f) => (f.signal as { kind: string }).kind)).toEqual(['ring', 'ice']);
      expect(received(s, 'call-signal-to-client').map((f) => (f.signal as { kind: string }).kind)).toEqual(['offer']);
    });
    expect(received(a, 'call-signal-to-client')[0]).toMatchObject({ conversationId: id, fromUserId: sam.id, fromDevice: 'device-aaaaaaaa', signal: { kind: 'ring' } });
    expect(received(s, 'call-signal-to-client')[0]).toMatchObject({ toDevice: 'device-aaaaaaaa', signal: { kind: 'offer', sdp: SDP } });

    // Malformed frames go nowhere, with a reason.
    for (const bad of [
      callFrame(id, { kind: 'offer', sdp: 'not a description' }),
      callFrame(id, { kind: 'offer', sdp: `v=0${'a'.repeat(20_000)}` }),
      callFrame(id, { kind: 'teleport' }),
      callFrame(id, { kind: 'hang-up', reason: 'bored' }),
      callFrame(id, { kind: 'ice', candidate: { ...candidate, extra: 1 } }),
      callFrame(id, { kind: 'ring' }, { fromDevice: 'x' }),
      callFrame('not-a-uuid', { kind: 'ring' }),
      'nonsense',
    ]) {
      const ack = await emit(s, 'call-signal-to-server', bad);
      expect(ack.ok, JSON.stringify(bad).slice(0, 80)).toBe(false);
      expect(ack.reason?.length).toBeGreaterThan(5);
    }

    // A member of another conversation, a stranger to this one, and the former partner: not found, nothing relayed.
    const j = await connect(jordan.id);
    for (const intruder of [r, k, j]) {
      for (const signal of [{ kind: 'ring' }, { kind: 'offer', sdp: SDP }, { kind: 'hang-up' }]) {
        expect(await emit(intruder, 'call-signal-to-server', callFrame(id, signal))).toMatchObject({ ok: false, code: 'not-found' });
      }
    }
    // Robin's own conversation has not opened yet (Kim has not answered): no call, and nothing reaches Alex or Sam either way.
    expect(await emit(r, 'call-signal-to-server', callFrame(otherId, { kind: 'ring' }))).toMatchObject({ ok: false, code: 'wrong-phase' });
    await settle();
    expect(received(a, 'call-signal-to-client')).toHaveLength(2);
    expect(received(s, 'call-signal-to-client')).toHaveLength(1);
    expect(received(j, 'call-signal-to-client')).toHaveLength(0);
    expect(received(r, 'call-signal-to-client')).toHaveLength(0);

    // A pause means time apart: no new call; hanging up still reaches the partner.
    await must(a, { type: 'pause', conversationId: id, returnAt: clock + 30 * MINUTE });
    expect(await emit(s, 'call-signal-to-server', callFrame(id, { kind: 'ring' }))).toMatchObject({ ok: false, code: 'wrong-phase', reason: expect.stringContaining('paused') });
    expect(await emit(s, 'call-signal-to-server', callFrame(id, { kind: 'hang-up', reason: 'paused' }))).toEqual({ ok: true });
    await eventually(() => expect(received(a, 'call-signal-to-client').at(-1)).toMatchObject({ signal: { kind: 'hang-up', reason: 'paused' } }));

    // Once it has ended, nobody reaches anybody through it.
    await must(s, { type: 'end', conversationId: id });
    expect(await emit(a, 'call-signal-to-server', callFrame(id, { kind: 'hang-up' }))).toMatchObject({ ok: false, code: 'not-found' });
    await must(k, { type: 'end', conversationId: otherId });
  });

  it('a partner who leaves the space mid-call can reach nobody through the conversation', async () => {
    const { alex, a, s, id } = await scene();
    expect(await emit(a, 'call-signal-to-server', callFrame(id, { kind: 'ring' }))).toEqual({ ok: true });
    await eventually(() => expect(received(s, 'call-signal-to-client')).toHaveLength(1));
    const [row] = await t.db.select({ spaceId: conversations.spaceId }).from(conversations).where(eq(conversations.id, id));
    await leaveSpace(t.db, { userId: alex.id }, row!.spaceId);
    // Alex's sockets were closed on leaving; a fresh one (no space now) is refused.
    const again = await connect(alex.id);
    expect(await emit(again, 'call-signal-to-server', callFrame(id, { kind: 'ice', candidate: { candidate: '', sdpMid: null, sdpMLineIndex: null } }))).toMatchObject({ ok: false, code: 'not-found' });
    expect(await emit(again, 'speaker-words-to-server', { conversationId: id, turn: 0, text: 'still here?' })).toMatchObject({ ok: false, code: 'not-found' });
    // Sam, who stayed, cannot reach Alex through it either: it ended when the space closed.
    expect(await emit(s, 'call-signal-to-server', callFrame(id, { kind: 'ring' }))).toMatchObject({ ok: false, code: 'not-found' });
    await settle();
    expect(received(again, 'call-signal-to-client')).toHaveLength(0);
    expect(received(s, 'call-signal-to-client')).toHaveLength(1);
  });

  it("relays the speaker's words to the listener only, for the turn on the floor, and never stores them", async () => {
    const { a, s, r, k, id, otherId } = await scene();
    const words = 'I feel far away from you when we plan without talking';
    expect(await emit(s, 'speaker-words-to-server', { conversationId: id, turn: 0, text: 'I feel' })).toEqual({ ok: true });
    expect(await emit(s, 'speaker-words-to-server', { conversationId: id, turn: 0, text: words })).toEqual({ ok: true });
    await eventually(() => expect(received(a, 'speaker-words-to-client').at(-1)).toEqual({ conversationId: id, turn: 0, text: words }));
    // The listener cannot write into the speaker's box, nor can anyone for another turn, nor anyone outside.
    expect(await emit(a, 'speaker-words-to-server', { conversationId: id, turn: 0, text: 'That is not what happened' })).toMatchObject({ ok: false, code: 'not-your-turn' });
    expect(await emit(s, 'speaker-words-to-server', { conversationId: id, turn: 1, text: 'later' })).toMatchObject({ ok: false, code: 'not-your-turn' });
    expect(await emit(s, 'speaker-words-to-server', { conversationId: id, turn: 0, text: 'x'.repeat(4001) })).toMatchObject({ ok: false, code: 'invalid' });
    for (const intruder of [r, k]) expect(await emit(intruder, 'speaker-words-to-server', { conversationId: id, turn: 0, text: 'injected' })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await emit(r, 'speaker-words-request-to-server', { conversationId: id })).toMatchObject({ ok: false, code: 'not-found' });

    // A listener who reloads asks again; the request reaches the speaker's page, which sends the words again.
    expect(await emit(a, 'speaker-words-request-to-server', { conversationId: id })).toEqual({ ok: true });
    await eventually(() => expect(received(s, 'speaker-words-requested')).toEqual([{ conversationId: id }]));
    // After the speaker hands over the words stay readable for the reflection, still only for this turn.
    await must(s, { type: 'yield', conversationId: id });
    expect(await emit(s, 'speaker-words-to-server', { conversationId: id, turn: 0, text: words })).toEqual({ ok: true });
    await settle();
    expect(received(a, 'speaker-words-to-client').map((f) => f.text)).toEqual(['I feel', words, words]);
    expect(received(s, 'speaker-words-to-client')).toHaveLength(0);
    expect(received(r, 'speaker-words-to-client')).toHaveLength(0);
    expect(received(k, 'speaker-words-to-client')).toHaveLength(0);

    // Not one word was stored anywhere in the conversation's record.
    const stored = await t.db.select({ data: sql<string>`${conversationEvents.data}::text` }).from(conversationEvents);
    expect(stored.map((row) => row.data).join('\n')).not.toMatch(/far away|I feel/);
    await must(s, { type: 'end', conversationId: id });
    await must(k, { type: 'end', conversationId: otherId });
  });
});
