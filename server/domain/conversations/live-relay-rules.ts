/**
 * When partners may reach each other live inside a conversation, as pure functions of its state.
 * Nothing here is stored: a call and the speaker's words exist only while they happen.
 */
import type { ConversationState } from './conversation-machine';

/**
 * A call belongs to a session that is open: from the check-in until the end. A pause means time
 * apart, so no call rings during one (each page also hangs up when the pause begins), and none once
 * it has ended. Null when a call may go on.
 */
export function callRefusal(state: Pick<ConversationState, 'phase' | 'pause'>): string | null {
  if (state.pause) return 'The conversation is paused. A call can start again when you both carry on.';
  if (state.phase === 'check-in' || state.phase === 'floor' || state.phase === 'closing') return null;
  if (state.phase === 'ended') return 'This conversation has ended.';
  return 'A call can start once you are both here and the conversation has opened.';
}

/**
 * The speaker's words go to the listener only from the speaker of the turn on the floor now, and
 * only for that turn (so words of an earlier turn never show up as this one's). While the listener
 * reflects, the words stay readable (the speaker's page sends them again to a reloaded listener).
 */
export function speakerWordsRefusal(state: Pick<ConversationState, 'phase' | 'pause' | 'floor' | 'turns'>, userId: string, turn: number): string | null {
  if (state.pause) return 'The conversation is paused.';
  if (state.phase !== 'floor' || !state.floor) return 'Nobody has the floor right now.';
  if (state.floor.speakerId !== userId) return 'Only the speaker writes here. You are listening now.';
  if (turn !== state.turns.length - 1) return 'That turn is over.';
  return null;
}
