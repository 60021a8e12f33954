import type { CommitmentRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireConversation, type Viewer } from '../../access/authorization';
import { loadConversation } from '../conversations/load-conversation';
import { conflict, notFound } from '../errors';
import { createCommitment } from './create-commitment';

/**
 * A conversation's next step becomes the viewer's own commitment ("I will …"), with the cadence they
 * choose, remembering the conversation it came from. Only the conversation's participants, once they
 * are writing next steps or afterwards, as for turning one into an agreement draft.
 */
export async function turnNextStepIntoCommitment(db: Database, viewer: Viewer, conversationId: string, input: unknown, now = new Date()): Promise<CommitmentRow> {
  const { conversation, membership } = await requireConversation(db, viewer, conversationId);
  const { state } = await loadConversation(db, conversation, now.getTime());
  if (!state.participants.includes(membership.userId)) throw notFound('That conversation');
  if (state.phase !== 'closing' && state.phase !== 'ended') throw conflict('Next steps can become commitments once you are writing them together.');
  return createCommitment(db, viewer, conversation.spaceId, input, { now, sourceConversationId: conversation.id });
}
