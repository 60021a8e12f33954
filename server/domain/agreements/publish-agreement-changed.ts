import { publishLiveEvent } from '../../events/live-events';
import { AGREEMENT_CHANGED_EVENT, type AgreementChange, type AgreementChangedPayload } from './agreement-event-names';

/**
 * Tells both partners' open pages that an agreement's title or archive state changed, so the list
 * and the agreement page refresh. Called after the transaction commits; carries no content.
 */
export function publishAgreementChanged(spaceId: string, documentId: string, change: AgreementChange): void {
  const payload: AgreementChangedPayload = { documentId, change };
  publishLiveEvent({ spaceId, audience: 'space', event: AGREEMENT_CHANGED_EVENT, payload: { ...payload } });
}
