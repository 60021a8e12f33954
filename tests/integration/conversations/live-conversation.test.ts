/**
 * Two partners' socket.io clients against a real Mend server (port 0, no Next), on PGlite and
 * PostgreSQL, with an injected clock so turns and a 20-minute pause run without waiting.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { conversationEvents, conversations, documents } from '../../../drizzle/schema';
import type { MendServer } from '../../../server/http-server';
import { conversationFeature, type ConversationAck } from '../../../server/realtime/socket-io/conversation-feature';
import { publishConversationEnded } from '../../../server/events/conversation-events';
import { createSocketIoService } from '../../../server/realtime/socket-io/socket-io-service';
import type { ConversationView } from '../../../server/domain/conversations/conversation-view';
import { getConversationSummary, listEndedConversations } from '../../../server/domain/conversations/list-conversations';
import { endConversationsOnSpaceClose } from '../../../server/domain/conversations/end-conversations-on-close';
import { turnNextStepIntoAgreement } from '../../../server/domain/conversations/turn-next-step-into-agreement';
import { listActivity } from '../../../server/domain/activity/record-activity';
import { makeCouple } from '../../support/fixtures';
import { connectLiveClient, startLiveServer, type RecordingClient } from '../../support/live-clients';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

const MINUTE = 60_000;

function act(client: RecordingClient, action: Record<string, unknown>): Promise<ConversationAck> {
  return client.socket.timeout(5000).emitWithAck('conversation-action-to-server', action) as Promise<ConversationAck>;
}

async function must(client: RecordingClient, action: Record<string, unknown>): Promise<ConversationView> {
  const ack = await act(client, action);
  if (!ack.ok) throw new Error(`${String(action.type)} refused: ${ack.reason}`);
  return ack.conversation;
}

/** The latest state this client was sent, once it satisfies `predicate`. */
async function latestState(client: RecordingClient, predicate: (view: ConversationView | null) => boolean, timeoutMs = 5000): Promise<ConversationView | null> {
  const started = Date.now();
  for (;;) {
    const states = client.received.filter((e) => e.event === 'conversation-state-to-client');
    const last = states.at(-1)?.args[0] as { conversation: ConversationView | null } | undefined;
    if (last && predicate(last.conversation)) return last.conversation;
    if (Date.now() - started > timeoutMs) throw new Error(`no matching state; last phase ${last?.conversation?.phase}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(testDatabaseKinds())('live conversations on %s', (kind) => {
  const t = useTestDatabase(kind);
  let clock = Date.UTC(2026, 10, 24, 12, 0, 0);
  let server: MendServer;
  const clients: RecordingClient[] = [];
  const start = async () => {
    server = await startLiveServer(t.handle, [createSocketIoService({ features: [conversationFeature({ now: () => clock })] })]);
  };
  const connect = async (userId: string) => {
    const client = await connectLiveClient(server, userId);
    clients.push(client);
    return client;
  };
  beforeAll(start);
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('runs a whole session, never sending a check-in to the partner before both have chosen, and keeps the summary', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const a = await connect(alex.id);
    const s = await connect(sam.id);
    const proposal = await must(a, { type: 'propose', topic: 'How we talk about money', turnMinutes: 1 });
    const id = proposal.id;
    expect(proposal).toMatchObject({ phase: 'proposed', turnSeconds: 60, pauseMinimumSeconds: 20 * 60 });
    // Sam is told live.
    expect(await latestState(s, (v) => v?.phase === 'proposed')).toMatchObject({ topic: 'How we talk about money', proposedBy: alex.id });

    await must(s, { type: 'accept', conversationId: id });
    await must(a, { type: 'arrive', conversationId: id });
    await must(a, { type: 'check-in', conversationId: id, feelings: ['ashamed', 'hopeful'], intensity: 4 });
    await latestState(s, (v) => v?.checkIn.partnerHasCheckedIn === true);
    // Nothing of Alex's choice has crossed Sam's wire, in any frame.
    expect(s.wire.join('\n')).not.toMatch(/ashamed/);
    await must(s, { type: 'check-in', conversationId: id, feelings: ['hurt'], intensity: 2 });
    const samSees = await latestState(s, (v) => v?.phase === 'floor');
    expect(samSees?.checkIn.partners).toMatchObject({ feelings: ['ashamed', 'hopeful'], intensity: 4 });
    expect(samSees?.floor).toMatchObject({ speakerId: alex.id, yourRole: 'listener', step: 'speaking' });
    // …and the capture does see it once both have chosen, so the absence above means something.
    expect(s.wire.join('\n')).toMatch(/ashamed/);

    clock += 8_000 + 30_000; // the moment both see both check-ins, then half of Alex's turn
    await must(a, { type: 'yield', conversationId: id });
    await must(s, { type: 'reflect', conversationId: id, text: 'You feel money is kept from you.' });
    await must(a, { type: 'answer-reflection', conversationId: id, verdict: 'not-quite' });
    await must(s, { type: 'reflect', conversationId: id, text: 'You feel left out when I decide alone.' });
    await must(a, { type: 'answer-reflection', conversationId: id, verdict: 'right' });
    await must(s, { type: 'ask-more', conversationId: id });
    const passed = await must(a, { type: 'pass-floor', conversationId: id });
    expect(passed.floor).toMatchObject({ speakerId: sam.id, yourRole: 'listener' });
    clock += MINUTE + 1000; // Sam's turn runs out on its own
    const afterTime = await s.socket.timeout(5000).emitWithAck('conversation-state-request-to-server');
    expect(afterTime.conversation.floor).toMatchObject({ speakerId: sam.id, step: 'reflecting' });
    await must(a, { type: 'reflect', conversationId: id, text: 'You are tired of arguing.' });
    await must(s, { type: 'answer-reflection', conversationId: id, verdict: 'right' });
    const closing = await must(s, { type: 'move-to-next-steps', conversationId: id });
    expect(closing.phase).toBe('closing');
    const [document] = await t.db.select().from(documents).where(eq(documents.id, closing.nextStepsDocumentId!));
    expect(document).toMatchObject({ kind: 'session-next-steps', spaceId: space.id });
    const ended = await must(a, { type: 'end', conversationId: id });
    expect(ended.phase).toBe('ended');
    expect(await latestState(s, (v) => v?.phase === 'ended')).toMatchObject({ endedBy: alex.id });

    const [item] = await listEndedConversations(t.db, { userId: sam.id }, space.id, { now: clock });
    expect(item?.summary).toMatchObject({
      topic: 'How we talk about money',
      turns: [{ speakerId: alex.id, spokenMs: 30_000 }, { speakerId: sam.id, spokenMs: 60_000, endedBy: 'time' }],
      reflections: [
        { listenerId: sam.id, tries: 2, confirmed: true, text: 'You feel left out when I decide alone.' },
        { listenerId: alex.id, tries: 1, confirmed: true },
      ],
    });
    // Every accepted step is a stored event.
    expect((await t.db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, id))).length).toBe(16);
  });

  it('refuses out-of-turn and malformed steps with a reason, and changes nothing', async () => {
    const { alex, sam } = await makeCouple(t.db);
    const a = await connect(alex.id);
    const s = await connect(sam.id);
    const { id } = await must(a, { type: 'propose', topic: 'Weekends', turnMinutes: 3 });
    expect(await act(a, { type: 'accept', conversationId: id })).toMatchObject({ ok: false, reason: expect.stringContaining('partner') });
    await must(s, { type: 'accept', conversationId: id });
    await must(a, { type: 'arrive', conversationId: id });
    await must(a, { type: 'check-in', conversationId: id, feelings: ['calm'], intensity: 1 });
    await must(s, { type: 'check-in', conversationId: id, feelings: ['calm'], intensity: 1 });
    const before = await t.db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, id));
    expect(await act(s, { type: 'yield', conversationId: id })).toEqual({ ok: false, code: 'not-your-turn', reason: expect.stringContaining('Only the speaker') });
    expect(await act(s, { type: 'pass-floor', conversationId: id })).toMatchObject({ ok: false, code: 'not-your-turn' });
    expect(await act(s, { type: 'check-in', conversationId: id, feelings: ['blissful'], intensity: 1 })).toMatchObject({ ok: false, code: 'invalid', reason: 'Choose feelings from the list.' });
    expect(await act(s, { type: 'pause', conversationId: id, returnAt: clock + 5 * MINUTE })).toMatchObject({ ok: false, reason: expect.stringContaining('20 minutes') });
    expect(await act(s, { type: 'fly' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await act(s, 'nonsense' as never)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await act(a, { type: 'propose', topic: 'Another', turnMinutes: 3 })).toMatchObject({ ok: false, reason: expect.stringContaining('already a conversation open') });
    expect(await t.db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, id))).toHaveLength(before.length);
    await must(a, { type: 'end', conversationId: id });
  });

  it('gives a stranger nothing: not the state, not a step', async () => {
    const { alex, sam, stranger } = await makeCouple(t.db);
    const a = await connect(alex.id);
    await connect(sam.id);
    const x = await connect(stranger.id);
    const { id } = await must(a, { type: 'propose', topic: 'Private matter', turnMinutes: 2 });
    expect(await act(x, { type: 'accept', conversationId: id })).toMatchObject({ ok: false, code: 'not-found', reason: 'That conversation could not be found.' });
    expect(await act(x, { type: 'end', conversationId: id })).toMatchObject({ ok: false, code: 'not-found' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(x.wire.join('\n')).not.toContain('Private matter');
    await must(a, { type: 'end', conversationId: id });
  });

  it('puts a partner who reconnects mid-turn back where they were, timer included', async () => {
    const { alex, sam } = await makeCouple(t.db);
    const a = await connect(alex.id);
    let s = await connect(sam.id);
    const { id } = await must(a, { type: 'propose', topic: 'Holidays', turnMinutes: 3 });
    await must(s, { type: 'accept', conversationId: id });
    await must(a, { type: 'arrive', conversationId: id });
    await must(a, { type: 'check-in', conversationId: id, feelings: ['afraid'], intensity: 3 });
    await must(s, { type: 'check-in', conversationId: id, feelings: ['tired'], intensity: 2 });
    const turnEndsAt = clock + 8000 + 3 * MINUTE;
    clock += MINUTE;
    s.close();
    s = await connect(sam.id);
    const restored = await latestState(s, (v) => v !== null);
    expect(restored).toMatchObject({ id, phase: 'floor', floor: { speakerId: alex.id, step: 'speaking', turnEndsAt, yourRole: 'listener' } });
    expect(restored?.checkIn.mine).toMatchObject({ feelings: ['tired'] });
    await must(a, { type: 'end', conversationId: id });
  });

  it('restores a pause and its deadline after a server restart; the 20-minute minimum holds', async () => {
    const { alex, sam } = await makeCouple(t.db);
    let a = await connect(alex.id);
    let s = await connect(sam.id);
    const { id } = await must(a, { type: 'propose', topic: 'Trust', turnMinutes: 2 });
    await must(s, { type: 'accept', conversationId: id });
    await must(a, { type: 'arrive', conversationId: id });
    await must(a, { type: 'check-in', conversationId: id, feelings: ['anxious'], intensity: 5 });
    await must(s, { type: 'check-in', conversationId: id, feelings: ['sad'], intensity: 4 });
    clock += 8_000 + 30_000; // the check-in reveal, then 30 seconds of Alex's turn
    const pausedAt = clock;
    const paused = await must(s, { type: 'pause', conversationId: id, returnAt: pausedAt + 45 * MINUTE });
    expect(paused.pause).toMatchObject({ by: sam.id, minimumEndsAt: pausedAt + 20 * MINUTE, returnAt: pausedAt + 45 * MINUTE });

    await server.close();
    await start();
    a = await connect(alex.id);
    s = await connect(sam.id);
    const restored = await latestState(a, (v) => v !== null);
    expect(restored).toMatchObject({ phase: 'floor', pause: { by: sam.id, minimumEndsAt: pausedAt + 20 * MINUTE, returnAt: pausedAt + 45 * MINUTE } });
    expect(await act(a, { type: 'yield', conversationId: id })).toMatchObject({ ok: false, code: 'paused' });
    clock = pausedAt + 20 * MINUTE - 1000;
    expect(await act(a, { type: 'ready', conversationId: id })).toMatchObject({ ok: false, code: 'too-early', reason: expect.stringContaining('at least 20 minutes') });
    clock = pausedAt + 20 * MINUTE;
    await must(a, { type: 'ready', conversationId: id });
    const resumed = await must(s, { type: 'ready', conversationId: id });
    // The turn resumes with the 90 seconds that were left when Sam paused.
    expect(resumed).toMatchObject({ pause: null, floor: { speakerId: alex.id, step: 'speaking', turnEndsAt: clock + 90_000 } });
    await must(a, { type: 'end', conversationId: id });
    const [row] = await t.db.select().from(conversations).where(eq(conversations.id, id));
    expect(row?.endedAt).not.toBeNull();
  });

  it('turns a next step into an agreement draft for the two partners only, once they are writing next steps', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const a = await connect(alex.id);
    const s = await connect(sam.id);
    const { id } = await must(a, { type: 'propose', topic: 'Chores', turnMinutes: 2 });
    await must(s, { type: 'accept', conversationId: id });
    await must(a, { type: 'arrive', conversationId: id });
    await expect(turnNextStepIntoAgreement(t.db, { userId: sam.id }, id, 'Too early')).rejects.toMatchObject({ code: 'conflict' });
    await must(a, { type: 'check-in', conversationId: id, feelings: ['calm'], intensity: 2 });
    await must(s, { type: 'check-in', conversationId: id, feelings: ['calm'], intensity: 2 });
    await must(a, { type: 'move-to-next-steps', conversationId: id });
    await expect(turnNextStepIntoAgreement(t.db, { userId: stranger.id }, id, 'Sneaky')).rejects.toMatchObject({ code: 'not-found' });
    await expect(turnNextStepIntoAgreement(t.db, null, id, 'Anonymous')).rejects.toMatchObject({ code: 'unauthenticated' });
    const agreement = await turnNextStepIntoAgreement(t.db, { userId: sam.id }, id, '  We share the laundry   on Saturdays ');
    expect(agreement).toMatchObject({ kind: 'agreement', spaceId: space.id, title: 'We share the laundry on Saturdays' });
    await must(a, { type: 'end', conversationId: id });
    const activity = await listActivity(t.db, space.id);
    expect(activity.map((item) => item.type)).toEqual(expect.arrayContaining(['conversation-proposed', 'conversation-ended', 'agreement-created']));
  });

  it('gives the listener no way to move on to next steps: refused with a reason, nothing stored', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const a = await connect(alex.id);
    const s = await connect(sam.id);
    const { id } = await must(a, { type: 'propose', topic: 'Listening', turnMinutes: 2 });
    await must(s, { type: 'accept', conversationId: id });
    await must(a, { type: 'arrive', conversationId: id });
    await must(a, { type: 'check-in', conversationId: id, feelings: ['calm'], intensity: 2 });
    await must(s, { type: 'check-in', conversationId: id, feelings: ['calm'], intensity: 2 });
    const countEvents = async () => (await t.db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, id))).length;
    const stored = await countEvents();
    expect(await act(s, { type: 'move-to-next-steps', conversationId: id })).toEqual({ ok: false, code: 'not-your-turn', reason: expect.stringContaining('Only the speaker') });
    clock += 8000;
    await must(a, { type: 'yield', conversationId: id });
    expect(await act(s, { type: 'move-to-next-steps', conversationId: id })).toMatchObject({ ok: false, code: 'not-your-turn' });
    expect(await countEvents()).toBe(stored + 1);
    // No next-steps document was left behind by the refused moves.
    expect(await t.db.select().from(documents).where(and(eq(documents.spaceId, space.id), eq(documents.kind, 'session-next-steps')))).toEqual([]);
    expect(await must(a, { type: 'move-to-next-steps', conversationId: id })).toMatchObject({ phase: 'closing' });
    await must(a, { type: 'end', conversationId: id });
  });

  it('never shows the partner a check-in made before the conversation ended early: not live, not in the summary, not in the list', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const a = await connect(alex.id);
    const s = await connect(sam.id);
    const { id } = await must(a, { type: 'propose', topic: 'Something hard', turnMinutes: 2 });
    await must(s, { type: 'accept', conversationId: id });
    await must(a, { type: 'arrive', conversationId: id });
    await must(a, { type: 'check-in', conversationId: id, feelings: ['ashamed', 'lonely'], intensity: 5 });
    await latestState(s, (v) => v?.checkIn.partnerHasCheckedIn === true);
    const ended = await must(s, { type: 'end', conversationId: id });
    expect(ended.checkIn).toEqual({ mine: null, partnerHasCheckedIn: true, partners: null });
    expect(s.wire.join('\n')).not.toMatch(/ashamed|lonely/);

    const samSummary = await getConversationSummary(t.db, { userId: sam.id }, id, clock);
    expect(samSummary.summary.checkIns).toEqual([]);
    expect(JSON.stringify(samSummary)).not.toMatch(/ashamed|lonely|"intensity"/);
    const samList = await listEndedConversations(t.db, { userId: sam.id }, space.id, { now: clock });
    expect(JSON.stringify(samList)).not.toMatch(/ashamed|lonely|"intensity"/);
    // Alex still reads their own check-in, so the absence above is Sam's view, not a lost record.
    const alexSummary = await getConversationSummary(t.db, { userId: alex.id }, id, clock);
    expect(alexSummary.summary.checkIns).toEqual([{ userId: alex.id, checkIn: expect.objectContaining({ feelings: ['ashamed', 'lonely'], intensity: 5 }) }]);
  });

  it('lets the two agree when to come back from a pause, each seeing every suggestion and the agreed time live', async () => {
    const { alex, sam } = await makeCouple(t.db);
    const a = await connect(alex.id);
    const s = await connect(sam.id);
    const { id } = await must(a, { type: 'propose', topic: 'Our week', turnMinutes: 3 });
    await must(s, { type: 'accept', conversationId: id });
    await must(a, { type: 'arrive', conversationId: id });
    await must(a, { type: 'check-in', conversationId: id, feelings: ['tired'], intensity: 2 });
    await must(s, { type: 'check-in', conversationId: id, feelings: ['tired'], intensity: 3 });
    const pausedAt = clock;
    await must(a, { type: 'pause', conversationId: id, returnAt: pausedAt + 30 * MINUTE });
    expect((await latestState(s, (v) => v?.pause !== null))?.pause).toMatchObject({ by: alex.id, returnAt: pausedAt + 30 * MINUTE, returnProposedBy: alex.id, returnAgreed: false });
    expect(await act(a, { type: 'agree-return', conversationId: id })).toMatchObject({ ok: false, code: 'not-your-turn' });
    expect(await act(s, { type: 'propose-return', conversationId: id, returnAt: pausedAt + 25 * 60 * MINUTE })).toMatchObject({ ok: false, code: 'invalid', reason: expect.stringContaining('24 hours') });
    clock += MINUTE;
    await must(s, { type: 'propose-return', conversationId: id, returnAt: pausedAt + 90 * MINUTE });
    expect((await latestState(a, (v) => v?.pause?.returnProposedBy === sam.id))?.pause).toMatchObject({ returnAt: pausedAt + 90 * MINUTE, returnAgreed: false });
    await must(a, { type: 'agree-return', conversationId: id });
    for (const client of [a, s]) {
      expect((await latestState(client, (v) => v?.pause?.returnAgreed === true))?.pause).toMatchObject({ returnAt: pausedAt + 90 * MINUTE, returnAgreed: true, returnReached: false });
    }
    // Every step is stored and replays: a fresh request after the agreed time says it has come.
    clock = pausedAt + 90 * MINUTE;
    const reply = await s.socket.timeout(5000).emitWithAck('conversation-state-request-to-server');
    expect(reply.conversation.pause).toMatchObject({ returnAgreed: true, returnReached: true });
    await must(a, { type: 'end', conversationId: id });
  });

  it('ends the open conversation when the space closes and tells both partners at once, blaming nobody', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const a = await connect(alex.id);
    const s = await connect(sam.id);
    const { id } = await must(s, { type: 'propose', topic: 'Before', turnMinutes: 2 });
    await must(a, { type: 'accept', conversationId: id });
    await must(s, { type: 'arrive', conversationId: id });
    const ended = await t.db.transaction((tx) => endConversationsOnSpaceClose(tx, { spaceId: space.id, leaverId: sam.id, now: new Date(clock) }));
    expect(ended).toEqual([id]);
    publishConversationEnded(id);
    for (const client of [a, s]) {
      expect(await latestState(client, (v) => v?.phase === 'ended')).toMatchObject({ id, endReason: 'partner-left' });
    }
    const [row] = await t.db.select().from(conversations).where(eq(conversations.id, id));
    expect(row?.endedAt?.getTime()).toBe(clock);
    expect((await getConversationSummary(t.db, { userId: alex.id }, id, clock)).summary).toMatchObject({ endReason: 'partner-left' });
    // Nothing open is left in the space.
    expect(await t.db.transaction((tx) => endConversationsOnSpaceClose(tx, { spaceId: space.id, leaverId: sam.id, now: new Date(clock) }))).toEqual([]);
  });
});

describe.each(testDatabaseKinds())('the agreed return time on %s, on a real clock', (kind) => {
  const t = useTestDatabase(kind);
  let server: MendServer;
  const clients: RecordingClient[] = [];
  beforeAll(async () => {
    server = await startLiveServer(t.handle, [createSocketIoService({ features: [conversationFeature({ pauseMinimumSeconds: 1 })] })]);
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.close();
    await server?.close();
  });

  it('reaches both screens with a calm notice when it comes, without either asking', async () => {
    const { alex, sam } = await makeCouple(t.db);
    const a = await connectLiveClient(server, alex.id);
    const s = await connectLiveClient(server, sam.id);
    clients.push(a, s);
    const { id } = await must(a, { type: 'propose', topic: 'A short pause', turnMinutes: 1 });
    await must(s, { type: 'accept', conversationId: id });
    await must(a, { type: 'arrive', conversationId: id });
    const paused = await must(s, { type: 'pause', conversationId: id, returnAt: Date.now() + 1500 });
    const agreed = await must(a, { type: 'agree-return', conversationId: id });
    expect(agreed.pause).toMatchObject({ returnAgreed: true, returnReached: false });
    for (const client of [a, s]) {
      const view = await latestState(client, (v) => v?.pause?.returnReached === true, 6000);
      expect(view?.pause?.returnAt).toBe(paused.pause!.returnAt);
    }
    await must(a, { type: 'end', conversationId: id });
  });
});
