/**
 * The live events amends publish, after their transaction commits. Payloads carry the amend's id and
 * the actor, never its words or the partner's response; a page that hears one re-reads what this
 * person may see from the server (get-amend.ts, list-amends.ts). Drafts go to their author's own
 * devices only, so the partner's clients never learn a draft's id.
 */
import { publishLiveEvent } from '../../events/live-events';

export const AMEND_EVENTS = {
  /** to the author's devices: one of their drafts was started, changed or deleted */
  draftsChanged: 'amend-drafts-changed',
  /** to both (any signed-in page may show a notice): an amend was offered */
  offered: 'amend-offered',
  /** to both: the partner said they received it */
  received: 'amend-received',
  /** to both: the partner wrote (or changed) how it affected them */
  affectedChanged: 'amend-affected-changed',
  /** to both: the author withdrew it; the partner's pages then show only that */
  withdrawn: 'amend-withdrawn',
} as const;

export type AmendEventPayload = { amendId: string; actorId: string; actorName: string };

export function publishAmendDraftsChanged(spaceId: string, authorId: string, amendId: string): void {
  publishLiveEvent({ spaceId, audience: { userId: authorId }, event: AMEND_EVENTS.draftsChanged, payload: { amendId } });
}

export function publishAmendEvent(spaceId: string, event: Exclude<(typeof AMEND_EVENTS)[keyof typeof AMEND_EVENTS], 'amend-drafts-changed'>, payload: AmendEventPayload): void {
  publishLiveEvent({ spaceId, audience: 'space', event, payload: { amendId: payload.amendId, actorId: payload.actorId, actorName: payload.actorName } });
}
