/**
 * What is kept and shown after a conversation: a pure function of its final state and of who is
 * reading it. Everything in it is what both partners saw while it ran, except check-ins: a summary
 * shows the reader's own check-in and the partner's only if both had checked in, so ending early
 * never reveals a check-in that was still hidden.
 */
import type { CheckIn, ConversationState, EndReason } from './conversation-machine';
import { checkInShownTo } from './conversation-view';

export interface ConversationSummary {
  topic: string;
  proposedBy: string;
  openedAt: number | null;
  endedAt: number | null;
  endedBy: string | null;
  /** Set when it did not end by one of the two choosing to: 'partner-left' (ended early, nobody blamed). */
  endReason: EndReason | null;
  /** From opening (both present) to the end, pauses included. */
  durationMs: number;
  checkIns: { userId: string; checkIn: CheckIn }[];
  turns: { speakerId: string; spokenMs: number; endedBy: string | null }[];
  reflections: { listenerId: string; speakerId: string; text: string; tries: number; confirmed: boolean }[];
  pauses: { by: string; startedAt: number; endedAt: number | null; lengthMs: number | null; agreedReturnAt: number | null }[];
  nextStepsDocumentId: string | null;
}

export function summarizeConversation(state: ConversationState, viewerId: string): ConversationSummary {
  const start = state.openedAt ?? state.proposedAt;
  // Reflections are grouped by the stretch of speaking they mirror: the tries end with a verdict of 'right' (or the session ending).
  const reflections: ConversationSummary['reflections'] = [];
  let tries = 0;
  for (const reflection of state.reflections) {
    tries += 1;
    if (reflection.verdict === 'right') {
      reflections.push({ listenerId: reflection.listenerId, speakerId: reflection.speakerId, text: reflection.text, tries, confirmed: true });
      tries = 0;
    }
  }
  const last = state.reflections.at(-1);
  if (tries > 0 && last) reflections.push({ listenerId: last.listenerId, speakerId: last.speakerId, text: last.text, tries, confirmed: false });
  return {
    topic: state.topic,
    proposedBy: state.proposedBy,
    openedAt: state.openedAt,
    endedAt: state.endedAt,
    endedBy: state.endedBy,
    endReason: state.endReason,
    durationMs: state.endedAt !== null && state.openedAt !== null ? state.endedAt - start : 0,
    checkIns: state.participants.flatMap((userId) => {
      const checkIn = checkInShownTo(state, userId, viewerId);
      return checkIn ? [{ userId, checkIn }] : [];
    }),
    turns: state.turns.map((turn) => ({ speakerId: turn.speakerId, spokenMs: turn.spokenMs, endedBy: turn.endedBy })),
    reflections,
    pauses: state.pauses.map((pause) => ({
      by: pause.by,
      startedAt: pause.startedAt,
      endedAt: pause.endedAt,
      lengthMs: pause.endedAt === null ? null : pause.endedAt - pause.startedAt,
      agreedReturnAt: pause.returnAgreed ? pause.returnAt : null,
    })),
    nextStepsDocumentId: state.nextStepsDocumentId,
  };
}
