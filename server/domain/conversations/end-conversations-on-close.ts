/**
 * What happens to conversations when a space closes (a partner leaves, or deletes their account).
 * Both run inside the caller's transaction, so the space closing and its conversations changing
 * commit together or not at all.
 *
 * - The open conversation, if any, ends early for both. It is stored as an ordinary end event with
 *   the reason 'partner-left', so the summary says it ended early because one of them left, without
 *   naming anyone, and replaying the log gives exactly that state.
 * - A check-in the partner never saw (they had not checked in yet) is private, and its author's
 *   private things go when they leave: its stored data is rewritten to the erased marker. The event
 *   stays in its place (same seq, same time), so the log keeps its order and still replays; nothing
 *   of the feelings or intensity is kept.
 */
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { conversationEvents, conversations } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { applyEvent } from './conversation-machine';
import { findOpenConversation, loadConversation } from './load-conversation';
import { ERASED_CHECK_IN_DATA } from './stored-events';

/** Ends the space's open conversation early ("one of you left"); returns the ids of the conversations it ended. */
export async function endConversationsOnSpaceClose(tx: Executor, input: { spaceId: string; leaverId: string; now: Date }): Promise<string[]> {
  const open = await findOpenConversation(tx, input.spaceId);
  if (!open) return [];
  // Storing an event takes a key-share lock on the conversation row; holding it for update here
  // makes a partner's step that arrives at the same moment wait, then find the conversation ended.
  const [locked] = await tx.select().from(conversations).where(and(eq(conversations.id, open.id), isNull(conversations.endedAt))).for('update');
  if (!locked) return [];
  const now = input.now.getTime();
  const loaded = await loadConversation(tx, locked, now);
  const { participants } = loaded.state;
  const actorId = participants.includes(input.leaverId) ? input.leaverId : participants[0];
  const event = { type: 'end', reason: 'partner-left' } as const;
  const outcome = applyEvent(loaded.state, actorId, event, now);
  if (!outcome.ok) throw new Error(`conversation ${locked.id}: ending it when the space closed was refused: ${outcome.reason}`);
  await tx.insert(conversationEvents).values({ conversationId: locked.id, seq: loaded.lastSeq + 1, actorId, type: event.type, data: { reason: event.reason }, occurredAt: input.now });
  await tx.update(conversations).set({ endedAt: input.now }).where(eq(conversations.id, locked.id));
  return [locked.id];
}

/**
 * Erases for good the check-ins of `userId` that were never revealed (their partner in that
 * conversation never checked in), in the conversations of one space, or of every space when
 * `spaceId` is omitted (deleting an account).
 */
export async function eraseUnrevealedCheckIns(tx: Executor, input: { userId: string; spaceId?: string }): Promise<void> {
  const mine = await tx
    .select({ conversationId: conversationEvents.conversationId, seq: conversationEvents.seq, data: conversationEvents.data })
    .from(conversationEvents)
    .innerJoin(conversations, eq(conversations.id, conversationEvents.conversationId))
    .where(
      and(
        eq(conversationEvents.actorId, input.userId),
        eq(conversationEvents.type, 'check-in'),
        input.spaceId === undefined ? undefined : eq(conversations.spaceId, input.spaceId),
      ),
    );
  const candidates = mine.filter((row) => row.data.erased !== true);
  if (!candidates.length) return;
  const conversationIds = [...new Set(candidates.map((row) => row.conversationId))];
  const partnersCheckedIn = await tx
    .selectDistinct({ conversationId: conversationEvents.conversationId })
    .from(conversationEvents)
    .where(and(inArray(conversationEvents.conversationId, conversationIds), eq(conversationEvents.type, 'check-in'), ne(conversationEvents.actorId, input.userId)));
  const revealed = new Set(partnersCheckedIn.map((row) => row.conversationId));
  const unrevealed = candidates.filter((row) => !revealed.has(row.conversationId));
  for (const row of unrevealed) {
    await tx
      .update(conversationEvents)
      .set({ data: { ...ERASED_CHECK_IN_DATA } })
      .where(and(eq(conversationEvents.conversationId, row.conversationId), eq(conversationEvents.seq, row.seq)));
  }
  // Every changed log must still replay; if one did not, the whole transaction rolls back.
  const changed = [...new Set(unrevealed.map((row) => row.conversationId))];
  if (!changed.length) return;
  const rows = await tx.select().from(conversations).where(inArray(conversations.id, changed));
  for (const conversation of rows) await loadConversation(tx, conversation, Date.now());
}
