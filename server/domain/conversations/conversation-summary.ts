/** What is kept and shown after a conversation: a pure function of its final state. */
import type { CheckIn, ConversationState } from './conversation-machine';

export interface ConversationSummary {
  topic: string;
  proposedBy: string;
  openedAt: number | null;
  endedAt: number | null;
  endedBy: string | null;
  /** From opening (both present) to the end, pauses included. */
  durationMs: number;
  checkIns: { userId: string; checkIn: CheckIn }[];
  turns: { speakerId: string; spokenMs: number; endedBy: string | null }[];
  reflections: { listenerId: string; speakerId: string; text: string; tries: number; confirmed: boolean }[];
  pauses: { by: string; startedAt: number; endedAt: number | null; lengthMs: number | null }[];
  nextStepsDocumentId: string | null;
}

export function summarizeConversation(state: ConversationState): ConversationSummary {
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
    durationMs: state.endedAt !== null && state.openedAt !== null ? state.endedAt - start : 0,
    checkIns: state.participants.flatMap((userId) => (state.checkIns[userId] ? [{ userId, checkIn: state.checkIns[userId]! }] : [])),
    turns: state.turns.map((turn) => ({ speakerId: turn.speakerId, spokenMs: turn.spokenMs, endedBy: turn.endedBy })),
    reflections,
    pauses: state.pauses.map((pause) => ({ by: pause.by, startedAt: pause.startedAt, endedAt: pause.endedAt, lengthMs: pause.endedAt === null ? null : pause.endedAt - pause.startedAt })),
    nextStepsDocumentId: state.nextStepsDocumentId,
  };
}
