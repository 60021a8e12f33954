import { eq } from 'drizzle-orm';
import { conversationEvents, conversations, documents } from '../../../drizzle/schema';
import { isUniqueViolation, type Database } from '../../db/database';
import { requireConversation, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { applyEvent, type ConversationEvent } from './conversation-machine';
import type { ConversationAction } from './conversation-input';
import { loadConversation, type LoadedConversation } from './load-conversation';
import { ProtocolRefusal } from './protocol-refusal';

type Step = Exclude<ConversationAction, { type: 'propose' }>;

/** Two events computed from the same state race for the same seq; the loser recomputes on the new state. */
const ATTEMPTS = 5;

/**
 * One step of the protocol by one partner: authorize, rebuild the state from the stored events, let
 * the machine decide, and store the event (with whatever rows belong to it) in one transaction.
 * A refusal throws ProtocolRefusal and stores nothing.
 */
export async function actOnConversation(db: Database, viewer: Viewer, action: Step, options: { now: number }): Promise<LoadedConversation> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const { conversation, membership } = await requireConversation(tx, viewer, action.conversationId);
        const loaded = await loadConversation(tx, conversation, options.now);
        const actorId = membership.userId;
        // Moving to next steps makes their shared live document in this same transaction.
        const event = await toEvent(action, async () => {
          const [document] = await tx
            .insert(documents)
            .values({ spaceId: conversation.spaceId, kind: 'session-next-steps', title: `Next steps: ${conversation.topic}`.slice(0, 200), createdBy: actorId, createdAt: new Date(options.now), updatedAt: new Date(options.now) })
            .returning();
          return document!.id;
        });
        const outcome = applyEvent(loaded.state, actorId, event, options.now);
        if (!outcome.ok) throw new ProtocolRefusal(outcome);
        const { type, ...data } = event;
        const seq = loaded.lastSeq + 1;
        await tx.insert(conversationEvents).values({ conversationId: conversation.id, seq, actorId, type, data, occurredAt: new Date(options.now) });
        let row = conversation;
        if (outcome.state.phase === 'ended') {
          [row] = (await tx.update(conversations).set({ endedAt: new Date(options.now) }).where(eq(conversations.id, conversation.id)).returning()) as [typeof conversation];
          await recordActivity(tx, { spaceId: conversation.spaceId, actorId, type: 'conversation-ended', data: { conversationId: conversation.id, topic: conversation.topic, started: outcome.state.openedAt !== null } });
        }
        return { conversation: row, state: outcome.state, lastSeq: seq };
      });
    } catch (error) {
      if (attempt < ATTEMPTS && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

async function toEvent(action: Step, createNextStepsDocument: () => Promise<string>): Promise<ConversationEvent> {
  switch (action.type) {
    case 'propose-time':
      return { type: 'propose-time', at: action.at };
    case 'check-in':
      return { type: 'check-in', feelings: action.feelings, intensity: action.intensity };
    case 'reflect':
      return { type: 'reflect', text: action.text };
    case 'answer-reflection':
      return { type: 'answer-reflection', verdict: action.verdict };
    case 'pause':
      return { type: 'pause', returnAt: action.returnAt };
    case 'propose-return':
      return { type: 'propose-return', returnAt: action.returnAt };
    case 'move-to-next-steps':
      // Made inside the transaction: if the machine refuses the move, the document is rolled back with it.
      return { type: 'move-to-next-steps', nextStepsDocumentId: await createNextStepsDocument() };
    default:
      return { type: action.type };
  }
}
