/**
 * The live events commitments publish, after their transaction commits. Payloads carry ids, names and
 * the kind of step, never a check-in's value or note: a page that hears one re-reads what this person
 * may see from the server (get-commitment.ts), which applies the reveal rule.
 */
import type { CommitmentStepType } from '../../../drizzle/schema';
import { publishLiveEvent } from '../../events/live-events';

export const COMMITMENT_EVENTS = {
  /** to both: a commitment was made, asked for, answered, paused, resumed, changed or completed */
  changed: 'commitment-changed',
  /** to both: check-ins of a period became visible to the partner (both gave theirs, or a late one) */
  checkInsRevealed: 'commitment-check-ins-revealed',
  /** to the person's own devices only: they gave a view that stays hidden from the partner for now */
  ownCheckInSaved: 'commitment-own-check-in-saved',
} as const;

export type CommitmentChangedPayload = { commitmentId: string; step: CommitmentStepType; actorId: string; actorName: string };
export type CheckInsRevealedPayload = { commitmentId: string; periodStart: string; actorId: string; actorName: string };

export function publishCommitmentChanged(spaceId: string, payload: CommitmentChangedPayload): void {
  publishLiveEvent({ spaceId, audience: 'space', event: COMMITMENT_EVENTS.changed, payload: { ...payload } });
}

export function publishCheckInsRevealed(spaceId: string, payload: CheckInsRevealedPayload): void {
  publishLiveEvent({ spaceId, audience: 'space', event: COMMITMENT_EVENTS.checkInsRevealed, payload: { ...payload } });
}

export function publishOwnCheckInSaved(spaceId: string, userId: string, payload: { commitmentId: string; periodStart: string }): void {
  publishLiveEvent({ spaceId, audience: { userId }, event: COMMITMENT_EVENTS.ownCheckInSaved, payload: { ...payload } });
}
