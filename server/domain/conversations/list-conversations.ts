import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { conversations } from '../../../drizzle/schema';
import type { Executor } from '../../db/database';
import { requireConversation, requireSpaceMember, type Viewer } from '../../access/authorization';
import { notFound } from '../errors';
import { summarizeConversation, type ConversationSummary } from './conversation-summary';
import { loadConversation } from './load-conversation';

export interface ConversationListItem {
  id: string;
  summary: ConversationSummary;
}

/** The space's ended conversations, newest first, each with its summary as this viewer may see it. */
export async function listEndedConversations(db: Executor, viewer: Viewer, spaceId: string, options: { limit?: number; now?: number } = {}): Promise<ConversationListItem[]> {
  await requireSpaceMember(db, viewer, spaceId, 'read');
  const rows = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.spaceId, spaceId), isNotNull(conversations.endedAt)))
    .orderBy(desc(conversations.endedAt))
    .limit(options.limit ?? 20);
  const items: ConversationListItem[] = [];
  for (const row of rows) {
    const { state } = await loadConversation(db, row, options.now ?? Date.now());
    if (!state.participants.includes(viewer!.userId)) continue;
    items.push({ id: row.id, summary: summarizeConversation(state, viewer!.userId) });
  }
  return items;
}

/** One conversation's summary as this viewer may see it, for its two participants only (others: not found). */
export async function getConversationSummary(
  db: Executor,
  viewer: Viewer,
  conversationId: string,
  now = Date.now(),
): Promise<ConversationListItem & { ended: boolean; spaceId: string }> {
  const { conversation, membership } = await requireConversation(db, viewer, conversationId, 'read');
  const { state } = await loadConversation(db, conversation, now);
  if (!state.participants.includes(membership.userId)) throw notFound('That conversation');
  return { id: conversation.id, summary: summarizeConversation(state, membership.userId), ended: state.phase === 'ended', spaceId: conversation.spaceId };
}
