/**
 * The one live event shared experiences publish, to both members, after the transaction commits. It
 * carries ids, a name and what kind of change happened, never an idea's notes or a memory's words: a
 * page that hears it re-reads what this person may see from the server.
 */
import { publishLiveEvent } from '../../events/live-events';

export const EXPERIENCE_CHANGED_EVENT = 'experience-changed';

export type ExperienceChange = 'added' | 'edited' | 'deleted' | 'planned' | 'done' | 'memory-saved' | 'memory-removed';

export type ExperienceChangedPayload = { experienceId: string; change: ExperienceChange; actorId: string; actorName: string };

export function publishExperienceChanged(spaceId: string, payload: ExperienceChangedPayload): void {
  publishLiveEvent({ spaceId, audience: 'space', event: EXPERIENCE_CHANGED_EVENT, payload: { ...payload } });
}
