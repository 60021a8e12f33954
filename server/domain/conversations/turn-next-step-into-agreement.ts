import type { DocumentRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireConversation, type Viewer } from '../../access/authorization';
import { createAgreement } from '../agreements/create-agreement';
import { AGREEMENT_TITLE_MAX } from '../agreements/agreement-input';
import { conflict, notFound } from '../errors';
import { loadConversation } from './load-conversation';

/**
 * One next step becomes a new agreement draft (blank, titled with the step), for both partners to
 * shape on the agreements page. Only the conversation's participants, once they are writing next
 * steps or afterwards.
 */
export async function turnNextStepIntoAgreement(db: Database, viewer: Viewer, conversationId: string, nextStep: string, now = Date.now()): Promise<DocumentRow> {
  const { conversation, membership } = await requireConversation(db, viewer, conversationId);
  const { state } = await loadConversation(db, conversation, now);
  if (!state.participants.includes(membership.userId)) throw notFound('That conversation');
  if (state.phase !== 'closing' && state.phase !== 'ended') throw conflict('Next steps can become agreements once you are writing them together.');
  const title = nextStep.trim().replace(/\s+/g, ' ');
  return createAgreement(db, viewer, conversation.spaceId, { title: title.length > AGREEMENT_TITLE_MAX ? `${title.slice(0, AGREEMENT_TITLE_MAX - 1)}…` : title });
}
