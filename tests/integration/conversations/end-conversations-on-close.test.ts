/**
 * When a space closes, its open conversation ends early and the leaver's never-revealed check-ins
 * are erased for good, inside the caller's transaction, on PGlite and PostgreSQL. "For good" is
 * checked against every stored byte of conversation_events, and the partner's summary.
 */
import { describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { conversationEvents, conversations, spaceMembers, spaces } from '../../../drizzle/schema';
import type { Database } from '../../../server/db/database';
import { actOnConversation } from '../../../server/domain/conversations/act-on-conversation';
import type { ConversationAction } from '../../../server/domain/conversations/conversation-input';
import { endConversationsOnSpaceClose, eraseUnrevealedCheckIns } from '../../../server/domain/conversations/end-conversations-on-close';
import { getConversationSummary, listEndedConversations } from '../../../server/domain/conversations/list-conversations';
import { loadConversation } from '../../../server/domain/conversations/load-conversation';
import { proposeConversation } from '../../../server/domain/conversations/propose-conversation';
import { acceptInvite } from '../../../server/domain/spaces/accept-invite';
import { createInvite } from '../../../server/domain/spaces/create-invite';
import { createSpace } from '../../../server/domain/spaces/create-space';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { makeCouple, makeUser } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

let clock = Date.UTC(2026, 10, 24, 12, 0, 0);

type Step = Exclude<ConversationAction, { type: 'propose' }>;
type StepInput = Step extends infer S ? (S extends { conversationId: string } ? Omit<S, 'conversationId'> : never) : never;

/** A conversation driven through the domain functions, one step a second. */
async function converse(db: Database, spaceId: string, proposer: string, topic: string) {
  const { conversation } = await proposeConversation(db, { userId: proposer }, spaceId, { topic, turnMinutes: 2 }, { now: (clock += 60_000), pauseMinimumSeconds: 1200 });
  const step = (userId: string, action: StepInput) => actOnConversation(db, { userId }, { ...action, conversationId: conversation.id } as Step, { now: (clock += 1000) });
  return { id: conversation.id, step, now: () => clock };
}

async function allEventData(db: Database): Promise<string> {
  const rows = await db.select({ data: sql<string>`${conversationEvents.data}::text` }).from(conversationEvents);
  return rows.map((row) => row.data).join('\n');
}

describe.each(testDatabaseKinds())('conversations when a space closes, on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('ends the open conversation early and erases the leaver\'s unrevealed check-in, leaving the revealed ones and a log that replays', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    // An earlier conversation where both checked in: both saw both, so nothing of it goes.
    const earlier = await converse(t.db, space.id, alex.id, 'Earlier');
    await earlier.step(sam.id, { type: 'accept' });
    await earlier.step(alex.id, { type: 'arrive' });
    await earlier.step(alex.id, { type: 'check-in', feelings: ['grateful'], intensity: 2 });
    await earlier.step(sam.id, { type: 'check-in', feelings: ['tender'], intensity: 3 });
    await earlier.step(sam.id, { type: 'end' });
    // The open one: Alex checked in, Sam has not, and Alex leaves.
    const open = await converse(t.db, space.id, sam.id, 'Money');
    await open.step(alex.id, { type: 'accept' });
    await open.step(sam.id, { type: 'arrive' });
    await open.step(alex.id, { type: 'check-in', feelings: ['ashamed', 'lonely', 'confused'], intensity: 5 });
    const before = await t.db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, open.id)).orderBy(asc(conversationEvents.seq));
    expect(await allEventData(t.db)).toMatch(/ashamed/);

    const closedAt = new Date(open.now() + 60_000);
    const ended = await t.db.transaction(async (tx) => {
      const ids = await endConversationsOnSpaceClose(tx, { spaceId: space.id, leaverId: alex.id, now: closedAt });
      await eraseUnrevealedCheckIns(tx, { userId: alex.id, spaceId: space.id });
      return ids;
    });
    expect(ended).toEqual([open.id]);

    // Not one byte of the unrevealed check-in is stored anywhere in the conversation log.
    const stored = await allEventData(t.db);
    expect(stored).not.toMatch(/ashamed|lonely|confused|"intensity": ?5/);
    // The revealed check-ins of the earlier conversation are kept as they were.
    expect(stored).toMatch(/grateful/);
    expect(stored).toMatch(/tender/);

    // Same events in the same order; the check-in became the erased marker, and an end was added.
    const after = await t.db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, open.id)).orderBy(asc(conversationEvents.seq));
    expect(after.map((row) => [row.seq, row.type, row.actorId])).toEqual([...before.map((row) => [row.seq, row.type, row.actorId]), [before.length + 1, 'end', alex.id]]);
    expect(after.find((row) => row.type === 'check-in')?.data).toEqual({ erased: true });
    expect(after.at(-1)).toMatchObject({ data: { reason: 'partner-left' }, occurredAt: closedAt });
    const [row] = await t.db.select().from(conversations).where(eq(conversations.id, open.id));
    expect(row?.endedAt).toEqual(closedAt);
    const replayed = await loadConversation(t.db, row!, closedAt.getTime());
    expect(replayed.state).toMatchObject({ phase: 'ended', endReason: 'partner-left' });

    // What Sam, who stays, reads: an early end that names nobody, and nothing of the check-in.
    const { summary } = await getConversationSummary(t.db, { userId: sam.id }, open.id, closedAt.getTime());
    expect(summary).toMatchObject({ endReason: 'partner-left', checkIns: [] });
    expect(JSON.stringify(await listEndedConversations(t.db, { userId: sam.id }, space.id))).not.toMatch(/ashamed|lonely|confused/);
  });

  it('does all of this when a partner leaves the space: the one who stays reads an early end and nothing of the check-in', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const open = await converse(t.db, space.id, alex.id, 'Leaving');
    await open.step(sam.id, { type: 'accept' });
    await open.step(alex.id, { type: 'arrive' });
    await open.step(alex.id, { type: 'check-in', feelings: ['sad', 'angry'], intensity: 4 });
    await leaveSpace(t.db, { userId: alex.id }, space.id, new Date(clock + 1000));
    expect(await allEventData(t.db)).not.toMatch(/"sad"|angry/);
    const { summary, ended } = await getConversationSummary(t.db, { userId: sam.id }, open.id);
    expect(ended).toBe(true);
    expect(summary).toMatchObject({ endReason: 'partner-left', checkIns: [] });
  });

  it('with no space named (deleting an account), erases the person\'s unrevealed check-ins in every space they were in, and only theirs', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const first = await converse(t.db, space.id, alex.id, 'First space');
    await first.step(sam.id, { type: 'accept' });
    await first.step(alex.id, { type: 'arrive' });
    await first.step(alex.id, { type: 'check-in', feelings: ['hurt'], intensity: 4 });
    await first.step(sam.id, { type: 'end' });
    // The first space closes when Sam leaves (as leaving records it); Alex later starts a space with Robin.
    await t.db.delete(spaceMembers).where(and(eq(spaceMembers.spaceId, space.id), eq(spaceMembers.userId, sam.id)));
    await t.db.update(spaceMembers).set({ endedAt: new Date() }).where(eq(spaceMembers.spaceId, space.id));
    await t.db.update(spaces).set({ closedAt: new Date(), closedBy: sam.id }).where(eq(spaces.id, space.id));
    const robin = await makeUser(t.db, 'Robin');
    const second = await createSpace(t.db, alex.id, 'Alex & Robin');
    await acceptInvite(t.db, robin.id, (await createInvite(t.db, { userId: alex.id }, second.id)).token);
    const again = await converse(t.db, second.id, robin.id, 'Second space');
    await again.step(alex.id, { type: 'accept' });
    await again.step(robin.id, { type: 'arrive' });
    await again.step(alex.id, { type: 'check-in', feelings: ['numb'], intensity: 1 });
    await again.step(robin.id, { type: 'end' });
    // Robin's own unrevealed check-in, in a third conversation, is not Alex's to erase.
    const robins = await converse(t.db, second.id, robin.id, 'Robin alone');
    await robins.step(alex.id, { type: 'accept' });
    await robins.step(robin.id, { type: 'arrive' });
    await robins.step(robin.id, { type: 'check-in', feelings: ['anxious'], intensity: 3 });
    await robins.step(alex.id, { type: 'end' });

    // One space named: only that space's check-ins go.
    await t.db.transaction((tx) => eraseUnrevealedCheckIns(tx, { userId: alex.id, spaceId: second.id }));
    let stored = await allEventData(t.db);
    expect(stored).not.toMatch(/numb/);
    expect(stored).toMatch(/hurt/);
    // None named: every space's.
    await t.db.transaction((tx) => eraseUnrevealedCheckIns(tx, { userId: alex.id }));
    stored = await allEventData(t.db);
    expect(stored).not.toMatch(/hurt|numb/);
    expect(stored).toMatch(/anxious/);
    // Erasing again changes nothing and every log still replays.
    await t.db.transaction((tx) => eraseUnrevealedCheckIns(tx, { userId: alex.id }));
    for (const row of await t.db.select().from(conversations)) await loadConversation(t.db, row, Date.now());
    // Not even to its author, who stayed in the first space and still reads it.
    expect((await getConversationSummary(t.db, { userId: alex.id }, first.id)).summary.checkIns).toEqual([]);
  });
});
