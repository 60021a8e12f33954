/**
 * Rebuilds a conversation from its stored events: the event log is the truth, the state is derived.
 * Whichever server instance loads it, at whatever moment, gets the same state (deadlines included).
 */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { conversationEvents, conversations, type ConversationRow } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { advanceTo, applyEvent, startConversation, type ConversationState, type Outcome } from './conversation-machine';
import { storedEventSchema } from './stored-events';

export interface LoadedConversation {
  conversation: ConversationRow;
  state: ConversationState;
  /** The seq of the last stored event; the next one must be lastSeq + 1. */
  lastSeq: number;
}

export async function loadConversation(db: Executor, conversation: ConversationRow, now: number): Promise<LoadedConversation> {
  const rows = await db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, conversation.id)).orderBy(asc(conversationEvents.seq));
  let state: ConversationState | null = null;
  for (const row of rows) {
    const event = storedEventSchema.parse({ type: row.type, ...row.data });
    const at = row.occurredAt.getTime();
    const outcome: Outcome | null = state === null && event.type === 'propose' ? startConversation(row.actorId, event, at) : state ? applyEvent(state, row.actorId, event, at) : null;
    if (!outcome?.ok) throw new Error(`conversation ${conversation.id}: stored event ${row.seq} (${row.type}) does not replay`);
    state = outcome.state;
  }
  if (!state) throw new Error(`conversation ${conversation.id} has no events`);
  return { conversation, state: advanceTo(state, now), lastSeq: rows.at(-1)!.seq };
}

/** The space's conversation that has not ended, if any (at most one: a unique index says so). */
export async function findOpenConversation(db: Executor, spaceId: string): Promise<ConversationRow | null> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.spaceId, spaceId), isNull(conversations.endedAt)))
    .orderBy(desc(conversations.createdAt))
    .limit(1);
  return row ?? null;
}
