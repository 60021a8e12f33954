/**
 * What one partner may see of a conversation. The state holds both check-ins from the moment each
 * is made; this projection is the only way state leaves the server, and it withholds the partner's
 * check-in until both have chosen, so the partner's choice never reaches the other client early.
 */
import { partnerOf, type CheckIn, type ConversationState, type Floor, type Pause, type Phase, type Reflection, type Turn } from './conversation-machine';

export interface ConversationView {
  id: string;
  topic: string;
  phase: Phase;
  viewerId: string;
  partnerId: string;
  proposedBy: string;
  turnSeconds: number;
  pauseMinimumSeconds: number;
  proposedAt: number;
  scheduledFor: number | null;
  arrived: string[];
  openedAt: number | null;
  checkIn: {
    mine: CheckIn | null;
    partnerHasCheckedIn: boolean;
    /** Only once both have checked in. */
    partners: CheckIn | null;
  };
  floor: (Floor & { yourRole: 'speaker' | 'listener' }) | null;
  /** The reflections on the current stretch of speaking, oldest first. */
  currentReflections: Reflection[];
  turns: Turn[];
  pause: Pause | null;
  nextStepsDocumentId: string | null;
  endedAt: number | null;
  endedBy: string | null;
  /** The server's clock when this view was made, so a client can correct its own countdowns. */
  serverNow: number;
}

export function viewConversation(id: string, state: ConversationState, viewerId: string, now: number): ConversationView {
  const partnerId = partnerOf(state, viewerId);
  const bothIn = Boolean(state.checkIns[viewerId] && state.checkIns[partnerId]);
  const floor = state.floor;
  const currentSpeakerStart = state.turns.filter((t) => floor && t.speakerId === floor.speakerId).at(-1)?.startedAt ?? Infinity;
  return {
    id,
    topic: state.topic,
    phase: state.phase,
    viewerId,
    partnerId,
    proposedBy: state.proposedBy,
    turnSeconds: state.turnSeconds,
    pauseMinimumSeconds: state.pauseMinimumSeconds,
    proposedAt: state.proposedAt,
    scheduledFor: state.scheduledFor,
    arrived: state.arrived,
    openedAt: state.openedAt,
    checkIn: {
      mine: state.checkIns[viewerId] ?? null,
      partnerHasCheckedIn: Boolean(state.checkIns[partnerId]),
      partners: bothIn ? state.checkIns[partnerId]! : null,
    },
    floor: floor ? { ...floor, yourRole: floor.speakerId === viewerId ? 'speaker' : 'listener' } : null,
    currentReflections: floor ? state.reflections.filter((r) => r.speakerId === floor.speakerId && r.at >= currentSpeakerStart) : [],
    turns: state.turns,
    pause: state.pause,
    nextStepsDocumentId: state.nextStepsDocumentId,
    endedAt: state.endedAt,
    endedBy: state.endedBy,
    serverNow: now,
  };
}
