/**
 * The live events notes publish, after their transaction commits. Payloads carry ids and names,
 * never a note's content; drafts go to their author's own devices only.
 */
import { publishLiveEvent } from '../../events/live-events';

export const NOTE_EVENTS = {
  /** to the author's devices: one of their drafts was created, changed or deleted */
  draftsChanged: 'note-drafts-changed',
  shared: 'note-shared',
  acknowledged: 'note-acknowledged',
  replyAdded: 'note-reply-added',
  retracted: 'note-retracted',
} as const;

export function publishDraftsChanged(spaceId: string, authorId: string, noteId: string): void {
  publishLiveEvent({ spaceId, audience: { userId: authorId }, event: NOTE_EVENTS.draftsChanged, payload: { noteId } });
}

export function publishNoteEvent(
  spaceId: string,
  event: Exclude<(typeof NOTE_EVENTS)[keyof typeof NOTE_EVENTS], 'note-drafts-changed'>,
  payload: { noteId: string; actorId: string; actorName: string },
): void {
  publishLiveEvent({ spaceId, audience: 'space', event, payload });
}
