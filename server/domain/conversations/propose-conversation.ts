import { eq } from 'drizzle-orm';
import { conversationEvents, conversations } from '../../../drizzle/schema';
import { isUniqueViolation, type Database } from '../../db/database';
import { requireSpaceMember, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { listMembers } from '../spaces/space-members';
import { conflict } from '../errors';
import { applyEvent, REVEAL_SECONDS_DEFAULT, startConversation, type ConversationState } from './conversation-machine';
import { findOpenConversation, loadConversation, type LoadedConversation } from './load-conversation';
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
  const event = { type: 'propose' as const, partnerId: partner.userId, topic: input.topic, turnSeconds: input.turnMinutes * 60, pauseMinimumSeconds: options.pauseMinimumSeconds, revealSeconds: REVEAL_SECONDS_DEFAULT };
  const outcome = startConversation(membership.userId, event, options.now);
  if (!outcome.ok) throw new ProtocolRefusal(outcome);
  try {
    return await db.transaction(async (tx) => {
      await endConversationOfAFormerPair(tx, spaceId, [membership.userId, partner.userId], options.now);
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

/**
 * A conversation left open by a partner who has since left the space can never finish (only its two
 * participants may act). It is ended here, in the name of the participant who stayed, so the people
 * now in the space can talk; its summary is kept like any other.
 */
async function endConversationOfAFormerPair(tx: Parameters<Parameters<Database['transaction']>[0]>[0], spaceId: string, members: string[], now: number): Promise<void> {
  const open = await findOpenConversation(tx, spaceId);
  if (!open) return;
  const loaded = await loadConversation(tx, open, now);
  if (loaded.state.participants.every((id) => members.includes(id))) return;
  const stayed = loaded.state.participants.find((id) => members.includes(id));
  if (!stayed) return;
  const outcome = applyEvent(loaded.state, stayed, { type: 'end', reason: 'partner-left' }, now);
  if (!outcome.ok) return;
  await tx.insert(conversationEvents).values({ conversationId: open.id, seq: loaded.lastSeq + 1, actorId: stayed, type: 'end', data: { reason: 'partner-left' }, occurredAt: new Date(now) });
  await tx.update(conversations).set({ endedAt: new Date(now) }).where(eq(conversations.id, open.id));
}
