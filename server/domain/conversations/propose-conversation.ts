import { conversationEvents, conversations } from '../../../drizzle/schema';
import { isUniqueViolation, type Database } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { listMembers } from '../spaces/space-members';
import { conflict } from '../errors';
import { startConversation, type ConversationState } from './conversation-machine';
import type { LoadedConversation } from './load-conversation';
import { ProtocolRefusal } from './protocol-refusal';

/**
 * One partner proposes a conversation: a topic and a turn length. Stored as the conversation row and
 * its first event in one transaction. A space has at most one open conversation (a unique index),
 * so two proposals made at the same moment cannot both open one.
 */
export async function proposeConversation(
  db: Database,
  viewer: Viewer,
  spaceId: string,
  input: { topic: string; turnMinutes: number },
  options: { now: number; pauseMinimumSeconds: number },
): Promise<LoadedConversation> {
  const membership = await requireSpaceMember(db, viewer, spaceId);
  const partner = (await listMembers(db, spaceId)).find((member) => member.userId !== membership.userId);
  if (!partner) throw conflict('Invite your partner first: a conversation needs both of you.');
  const event = { type: 'propose' as const, partnerId: partner.userId, topic: input.topic, turnSeconds: input.turnMinutes * 60, pauseMinimumSeconds: options.pauseMinimumSeconds };
  const outcome = startConversation(membership.userId, event, options.now);
  if (!outcome.ok) throw new ProtocolRefusal(outcome);
  try {
    return await db.transaction(async (tx) => {
      const [conversation] = await tx
        .insert(conversations)
        .values({ spaceId, proposedBy: membership.userId, topic: outcome.state.topic, createdAt: new Date(options.now) })
        .returning();
      const { type, ...data } = event;
      await tx.insert(conversationEvents).values({ conversationId: conversation!.id, seq: 1, actorId: membership.userId, type, data, occurredAt: new Date(options.now) });
      await recordActivity(tx, { spaceId, actorId: membership.userId, type: 'conversation-proposed', data: { conversationId: conversation!.id, topic: outcome.state.topic } });
      return { conversation: conversation!, state: outcome.state satisfies ConversationState, lastSeq: 1 };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'conversations_one_open_per_space')) throw conflict('There is already a conversation open in your space. Finish or end it first.');
    throw error;
  }
}
