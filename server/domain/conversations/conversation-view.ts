/**
 * What one partner may see of a conversation. The state holds both check-ins from the moment each
 * is made; this projection is the only way live state leaves the server, and it withholds the
 * partner's check-in until both have chosen (`checkInShownTo`, which the summary uses too), so the
 * partner's choice never reaches the other client early, nor after a conversation ended before both
 * had chosen.
 */
import { partnerOf, revealEndsAt, type CheckIn, type ConversationState, type EndReason, type Floor, type Pause, type Phase, type Reflection, type Turn } from './conversation-machine';

/**
 * The check-in of `ownerId` that `viewerId` may see: their own always, the partner's only once both
 * have checked in; an erased one to nobody.
 */
export function checkInShownTo(state: ConversationState, ownerId: string, viewerId: string): CheckIn | null {
  const checkIn = state.checkIns[ownerId];
  if (!checkIn || checkIn.erased) return null;
  if (ownerId === viewerId) return checkIn;
  return state.checkIns[viewerId] ? checkIn : null;
}

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
  /** While set, both screens show both check-ins together; the first turn begins at this moment. */
  revealEndsAt: number | null;
  floor: (Floor & { yourRole: 'speaker' | 'listener' }) | null;
  /** The reflections on the current stretch of speaking, oldest first. */
  currentReflections: Reflection[];
  turns: Turn[];
  /** `returnReached`: the agreed return time has come (a calm notice to both, nothing more). */
  pause: (Pause & { returnReached: boolean }) | null;
  nextStepsDocumentId: string | null;
  endedAt: number | null;
  endedBy: string | null;
  endReason: EndReason | null;
  /** The server's clock when this view was made, so a client can correct its own countdowns. */
  serverNow: number;
}

export function viewConversation(id: string, state: ConversationState, viewerId: string, now: number): ConversationView {
  const partnerId = partnerOf(state, viewerId);
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
      mine: checkInShownTo(state, viewerId, viewerId),
      partnerHasCheckedIn: Boolean(state.checkIns[partnerId]),
      partners: checkInShownTo(state, partnerId, viewerId),
    },
    revealEndsAt: revealEndsAt(state, now),
    floor: floor ? { ...floor, yourRole: floor.speakerId === viewerId ? 'speaker' : 'listener' } : null,
    currentReflections: floor ? state.reflections.filter((r) => r.speakerId === floor.speakerId && r.at >= currentSpeakerStart) : [],
    turns: state.turns,
    pause: state.pause ? { ...state.pause, returnReached: state.pause.returnAgreed && now >= state.pause.returnAt } : null,
    nextStepsDocumentId: state.nextStepsDocumentId,
    endedAt: state.endedAt,
    endedBy: state.endedBy,
    endReason: state.endReason,
    serverNow: now,
  };
}
