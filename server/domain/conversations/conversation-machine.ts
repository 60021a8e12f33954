/**
 * The conversation protocol as a pure state machine: (state, event, time) → new state, or a typed
 * refusal with a reason a person can read. No I/O, no clock of its own: the caller passes the time,
 * so tests run a 20-minute pause in microseconds and replaying stored events rebuilds exactly the
 * state the partners saw.
 *
 * Timers are deadlines inside the state (`turnEndsAt`, `minimumEndsAt`). `advanceTo(state, now)`
 * applies whatever a deadline decided (a speaker's time ran out), and `applyEvent` always advances
 * to the event's time first; so the state at any moment is a function of the stored events and that
 * moment, whichever server instance computes it.
 */

import { FEELING_WORDS } from '../feelings/feelings-vocabulary';

export const TURN_SECONDS_DEFAULT = 180;
export const TURN_SECONDS_MIN = 60;
export const TURN_SECONDS_MAX = 600;
/** Gottman: a body flooded with stress needs about 20 minutes to settle. */
export const PAUSE_MINIMUM_SECONDS_DEFAULT = 20 * 60;
export const LONGEST_PAUSE_MS = 24 * 60 * 60 * 1000;
export const LONGEST_SCHEDULE_MS = 24 * 60 * 60 * 1000;
/** A planned session can be joined a little before its time. */
export const JOIN_EARLY_MS = 5 * 60 * 1000;

/**
 * The moment both check-ins are shown: both screens show both at once, for this long, before the
 * first speaker's time begins (so the moment does not eat into their turn).
 */
export const REVEAL_SECONDS_DEFAULT = 8;

/** A check-in offers the words of the notes' feelings vocabulary (each word belongs to one family). */
export const CHECK_IN_FEELINGS: readonly string[] = Object.values(FEELING_WORDS).flat();
/**
 * Words the check-in offered before it shared the notes' vocabulary. Nobody can choose them any more
 * (the input schema offers CHECK_IN_FEELINGS only), but conversations stored with them must replay.
 */
export const EARLIER_CHECK_IN_FEELINGS: readonly string[] = ['nervous', 'numb', 'confused'];
const REPLAYABLE_FEELINGS = new Set([...CHECK_IN_FEELINGS, ...EARLIER_CHECK_IN_FEELINGS]);
export type Feeling = string;

export type Phase = 'proposed' | 'scheduled' | 'opening' | 'check-in' | 'floor' | 'closing' | 'ended';
export type FloorStep = 'speaking' | 'reflecting' | 'confirming' | 'confirmed' | 'more-asked';

export interface CheckIn {
  feelings: Feeling[];
  intensity: number;
  at: number;
  /**
   * Erased for good because its author left or deleted their account before it was revealed: the
   * stored event keeps only that a check-in happened (feelings empty, intensity 0), so the log
   * still replays, and nobody is ever shown anything of it.
   */
  erased?: true;
}

/** Why a conversation ended, when it was not one of the two choosing to end it. */
export type EndReason = 'partner-left';

export interface Turn {
  speakerId: string;
  startedAt: number;
  /** Time actually on the floor so far, pauses excluded; final once `endedAt` is set. */
  spokenMs: number;
  /** Start of the stretch being spoken now; null while paused and once ended. */
  runningSince: number | null;
  endedAt: number | null;
  endedBy: 'yield' | 'time' | 'session-end' | null;
}

export interface Reflection {
  listenerId: string;
  speakerId: string;
  text: string;
  attempt: number;
  at: number;
  verdict: 'right' | 'not-quite' | null;
}

export interface Pause {
  by: string;
  startedAt: number;
  minimumEndsAt: number;
  /** The return time suggested last, by `returnProposedBy`; the agreed one once `returnAgreed`. */
  returnAt: number;
  returnProposedBy: string;
  /** Both agree when to come back: one suggests a time, the other agrees or suggests another. */
  returnAgreed: boolean;
  ready: string[];
  /** What was left of the speaker's turn, so the turn timer resumes rather than restarts. */
  remainingTurnMs: number | null;
  endedAt: number | null;
}

export interface Floor {
  speakerId: string;
  listenerId: string;
  step: FloorStep;
  /** Set while the speaker is speaking and the session is not paused. */
  turnEndsAt: number | null;
  /** Tries at reflecting the current stretch of speaking (1 for the first). */
  attempt: number;
}

export interface ConversationState {
  participants: [string, string];
  proposedBy: string;
  topic: string;
  turnSeconds: number;
  pauseMinimumSeconds: number;
  /** Seconds both see both check-ins before the first turn starts (0 for conversations stored before the reveal existed). */
  revealSeconds: number;
  phase: Phase;
  proposedAt: number;
  scheduledFor: number | null;
  arrived: string[];
  openedAt: number | null;
  checkIns: Record<string, CheckIn>;
  floor: Floor | null;
  turns: Turn[];
  reflections: Reflection[];
  pause: Pause | null;
  pauses: Pause[];
  nextStepsDocumentId: string | null;
  endedAt: number | null;
  endedBy: string | null;
  endReason: EndReason | null;
}

export type ConversationEvent =
  | { type: 'propose'; partnerId: string; topic: string; turnSeconds: number; pauseMinimumSeconds: number; revealSeconds?: number }
  | { type: 'accept' }
  | { type: 'propose-time'; at: number }
  | { type: 'arrive' }
  | { type: 'check-in'; feelings: Feeling[]; intensity: number }
  /** What a check-in that was never revealed is rewritten to when its author leaves (never sent by a client). */
  | { type: 'check-in'; erased: true }
  | { type: 'yield' }
  | { type: 'reflect'; text: string }
  | { type: 'answer-reflection'; verdict: 'right' | 'not-quite' }
  | { type: 'ask-more' }
  | { type: 'continue-speaking' }
  | { type: 'pass-floor' }
  | { type: 'move-to-next-steps'; nextStepsDocumentId: string }
  | { type: 'pause'; returnAt: number }
  | { type: 'propose-return'; returnAt: number }
  | { type: 'agree-return' }
  | { type: 'ready' }
  /** `reason` is set only by the server (a partner left the space); a client's end has none. */
  | { type: 'end'; reason?: EndReason };

export type ConversationEventType = ConversationEvent['type'];

export type RefusalCode = 'not-a-participant' | 'wrong-phase' | 'not-your-turn' | 'paused' | 'too-early' | 'invalid' | 'already-done' | 'ended';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  reason: string;
}

export type Outcome = { ok: true; state: ConversationState } | Refusal;

const refuse = (code: RefusalCode, reason: string): Refusal => ({ ok: false, code, reason });

function minutesText(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export function partnerOf(state: Pick<ConversationState, 'participants'>, userId: string): string {
  return state.participants[0] === userId ? state.participants[1] : state.participants[0];
}

/** The state created by a proposal. */
export function startConversation(proposerId: string, event: Extract<ConversationEvent, { type: 'propose' }>, at: number): Outcome {
  const topic = event.topic.trim();
  if (!topic) return refuse('invalid', 'Say in one sentence what you would like to talk about.');
  if (proposerId === event.partnerId) return refuse('invalid', 'A conversation needs both of you.');
  if (!Number.isInteger(event.turnSeconds) || event.turnSeconds < TURN_SECONDS_MIN || event.turnSeconds > TURN_SECONDS_MAX) {
    return refuse('invalid', 'A turn lasts between 1 and 10 minutes.');
  }
  if (!Number.isInteger(event.pauseMinimumSeconds) || event.pauseMinimumSeconds < 1) return refuse('invalid', 'The pause minimum must be positive.');
  const revealSeconds = event.revealSeconds ?? 0;
  if (!Number.isInteger(revealSeconds) || revealSeconds < 0 || revealSeconds > 60) return refuse('invalid', 'The check-in reveal lasts at most a minute.');
  return {
    ok: true,
    state: {
      participants: [proposerId, event.partnerId],
      proposedBy: proposerId,
      topic,
      turnSeconds: event.turnSeconds,
      pauseMinimumSeconds: event.pauseMinimumSeconds,
      revealSeconds,
      phase: 'proposed',
      proposedAt: at,
      scheduledFor: null,
      arrived: [],
      openedAt: null,
      checkIns: {},
      floor: null,
      turns: [],
      reflections: [],
      pause: null,
      pauses: [],
      nextStepsDocumentId: null,
      endedAt: null,
      endedBy: null,
      endReason: null,
    },
  };
}

/** Applies what deadlines decided up to `now`: a speaker whose time ran out has yielded at the deadline. */
export function advanceTo(state: ConversationState, now: number): ConversationState {
  const floor = state.floor;
  if (state.phase !== 'floor' || state.pause || !floor || floor.step !== 'speaking' || floor.turnEndsAt === null) return state;
  if (now < floor.turnEndsAt) return state;
  return endTurn(state, floor.turnEndsAt, 'time');
}

function endTurn(state: ConversationState, at: number, endedBy: 'yield' | 'time'): ConversationState {
  return { ...state, turns: closeRunningTurn(state.turns, at, endedBy), floor: { ...state.floor!, step: 'reflecting', turnEndsAt: null } };
}

/** `startsAt` is later than `at` only for the first turn, which begins after the check-in reveal. */
function beginTurn(state: ConversationState, speakerId: string, at: number, attempt = 1, startsAt = at): ConversationState {
  return {
    ...state,
    phase: 'floor',
    floor: { speakerId, listenerId: partnerOf(state, speakerId), step: 'speaking', turnEndsAt: startsAt + state.turnSeconds * 1000, attempt },
    turns: [...state.turns, { speakerId, startedAt: startsAt, spokenMs: 0, runningSince: startsAt, endedAt: null, endedBy: null }],
  };
}

/** The first turn, once both have checked in: it starts when the reveal moment is over. */
function beginAfterReveal(state: ConversationState, at: number): ConversationState {
  // The one who proposed the topic speaks first: it is their concern that opened the conversation.
  return beginTurn(state, state.proposedBy, at, 1, at + state.revealSeconds * 1000);
}

/** Until this moment both screens show both check-ins; null once the first turn has begun. */
export function revealEndsAt(state: Pick<ConversationState, 'turns' | 'revealSeconds'>, now: number): number | null {
  const first = state.turns[0];
  if (!first || state.turns.length !== 1 || state.revealSeconds === 0) return null;
  return now < first.startedAt ? first.startedAt : null;
}

/** Apply one event by one person at one moment. Refusals change nothing. */
export function applyEvent(previous: ConversationState, actorId: string, event: ConversationEvent, at: number): Outcome {
  if (!previous.participants.includes(actorId)) return refuse('not-a-participant', 'Only the two of you can take part in this conversation.');
  const state = advanceTo(previous, at);
  if (state.phase === 'ended') return refuse('ended', 'This conversation has ended.');

  if (event.type === 'end') {
    const endedState: ConversationState = state.pause ? { ...state, pause: null, pauses: [...state.pauses.slice(0, -1), { ...state.pause, endedAt: at }] } : state;
    const turns = closeRunningTurn(state.turns, at, 'session-end');
    return {
      ok: true,
      state: { ...endedState, turns, phase: 'ended', floor: state.floor ? { ...state.floor, turnEndsAt: null } : null, endedAt: at, endedBy: actorId, endReason: event.reason ?? null },
    };
  }

  if (state.pause && (event.type === 'propose-return' || event.type === 'agree-return')) return agreeOnReturn(state, state.pause, actorId, event, at);
  if (event.type === 'propose-return' || event.type === 'agree-return') return refuse('wrong-phase', 'Nothing is paused.');

  if (state.pause) {
    if (event.type !== 'ready') return refuse('paused', 'The conversation is paused. Nothing else can happen until you are both ready (or one of you ends it).');
    const pause = state.pause;
    if (at < pause.minimumEndsAt) {
      return refuse('too-early', `A pause lasts at least ${minutesText(state.pauseMinimumSeconds * 1000)}. You can say you are ready in ${minutesText(pause.minimumEndsAt - at)}.`);
    }
    if (pause.ready.includes(actorId)) return refuse('already-done', 'You have said you are ready. Waiting for your partner.');
    const ready = [...pause.ready, actorId];
    if (ready.length < 2) return { ok: true, state: { ...state, pause: { ...pause, ready }, pauses: replaceLast(state.pauses, { ...pause, ready }) } };
    return { ok: true, state: resume(state, { ...pause, ready, endedAt: at }, at) };
  }

  switch (event.type) {
    case 'propose':
      return refuse('already-done', 'This conversation was already proposed.');
    case 'accept': {
      if (state.phase !== 'proposed') return refuse('wrong-phase', state.phase === 'scheduled' ? 'This conversation is already planned.' : 'This conversation has already started.');
      if (actorId === state.proposedBy) return refuse('not-your-turn', 'Your partner is the one to accept or suggest a time.');
      return { ok: true, state: { ...state, phase: 'opening', arrived: [actorId], scheduledFor: null } };
    }
    case 'propose-time': {
      if (state.phase !== 'proposed') return refuse('wrong-phase', 'A time can only be suggested before the conversation starts.');
      if (actorId === state.proposedBy) return refuse('not-your-turn', 'Your partner is the one to accept or suggest a time.');
      if (!Number.isFinite(event.at) || event.at <= at || event.at > at + LONGEST_SCHEDULE_MS) return refuse('invalid', 'Choose a time within the next 24 hours.');
      return { ok: true, state: { ...state, phase: 'scheduled', scheduledFor: event.at } };
    }
    case 'arrive': {
      if (state.phase === 'proposed') return refuse('wrong-phase', actorId === state.proposedBy ? 'Waiting for your partner to accept.' : 'Accept the conversation first, or suggest a time.');
      if (state.phase === 'scheduled' && state.scheduledFor !== null && at < state.scheduledFor - JOIN_EARLY_MS) {
        return refuse('too-early', `This conversation is planned for later. You can join from 5 minutes before (in ${minutesText(state.scheduledFor - JOIN_EARLY_MS - at)}).`);
      }
      if (state.phase !== 'scheduled' && state.phase !== 'opening') return refuse('already-done', 'You are both here already.');
      if (state.arrived.includes(actorId)) return refuse('already-done', 'You are here. Waiting for your partner to join.');
      const arrived = [...state.arrived, actorId];
      if (arrived.length < 2) return { ok: true, state: { ...state, phase: 'opening', arrived } };
      return { ok: true, state: { ...state, phase: 'check-in', arrived, openedAt: at } };
    }
    case 'check-in': {
      if (state.phase !== 'check-in') return refuse('wrong-phase', 'Check-in happens at the start of the conversation.');
      if (state.checkIns[actorId]) return refuse('already-done', 'You have checked in. Waiting for your partner.');
      if ('erased' in event) {
        const checkIns = { ...state.checkIns, [actorId]: { feelings: [], intensity: 0, at, erased: true as const } };
        return { ok: true, state: Object.keys(checkIns).length < 2 ? { ...state, checkIns } : beginAfterReveal({ ...state, checkIns }, at) };
      }
      const feelings = [...new Set(event.feelings)];
      if (feelings.length < 1 || feelings.length > 5 || !feelings.every((f) => REPLAYABLE_FEELINGS.has(f))) {
        return refuse('invalid', 'Choose between one and five feelings from the list.');
      }
      if (!Number.isInteger(event.intensity) || event.intensity < 1 || event.intensity > 5) return refuse('invalid', 'Choose an intensity from 1 to 5.');
      const checkIns = { ...state.checkIns, [actorId]: { feelings, intensity: event.intensity, at } };
      const next = { ...state, checkIns };
      if (Object.keys(checkIns).length < 2) return { ok: true, state: next };
      return { ok: true, state: beginAfterReveal(next, at) };
    }
    case 'yield': {
      const floor = requireFloor(state);
      if ('ok' in floor) return floor;
      if (actorId !== floor.speakerId) return refuse('not-your-turn', 'Only the speaker can hand over the floor. You are listening now.');
      if (floor.step !== 'speaking') return refuse('wrong-phase', 'You have already finished speaking for now.');
      if (revealEndsAt(state, at) !== null) return refuse('too-early', 'Your turn begins in a moment, once you have both seen the check-ins.');
      return { ok: true, state: endTurn(state, at, 'yield') };
    }
    case 'reflect': {
      const floor = requireFloor(state);
      if ('ok' in floor) return floor;
      if (actorId !== floor.listenerId) return refuse('not-your-turn', 'Your partner, the listener, reflects what they heard. You are the speaker.');
      if (floor.step !== 'reflecting') {
        return refuse('wrong-phase', floor.step === 'speaking' ? 'The speaker still has the floor. Listen, then reflect when they hand over.' : 'Your reflection is with the speaker now.');
      }
      const text = event.text.trim();
      if (!text) return refuse('invalid', 'Write what you heard, in a sentence or two.');
      if (text.length > 2000) return refuse('invalid', 'Keep the reflection under 2000 characters.');
      const reflection: Reflection = { listenerId: actorId, speakerId: floor.speakerId, text, attempt: floor.attempt, at, verdict: null };
      return { ok: true, state: { ...state, reflections: [...state.reflections, reflection], floor: { ...floor, step: 'confirming' } } };
    }
    case 'answer-reflection': {
      const floor = requireFloor(state);
      if ('ok' in floor) return floor;
      if (actorId !== floor.speakerId) return refuse('not-your-turn', 'The speaker says whether the reflection is right.');
      if (floor.step !== 'confirming') return refuse('wrong-phase', 'There is no reflection waiting for an answer.');
      const reflections = replaceLast(state.reflections, { ...state.reflections.at(-1)!, verdict: event.verdict });
      if (event.verdict === 'not-quite') return { ok: true, state: { ...state, reflections, floor: { ...floor, step: 'reflecting', attempt: floor.attempt + 1 } } };
      return { ok: true, state: { ...state, reflections, floor: { ...floor, step: 'confirmed' } } };
    }
    case 'ask-more': {
      const floor = requireFloor(state);
      if ('ok' in floor) return floor;
      if (actorId !== floor.listenerId) return refuse('not-your-turn', 'The listener asks "Is there more?".');
      if (floor.step !== 'confirmed') return refuse('wrong-phase', 'Ask "Is there more?" once the speaker has said your reflection is right.');
      return { ok: true, state: { ...state, floor: { ...floor, step: 'more-asked' } } };
    }
    case 'continue-speaking':
    case 'pass-floor': {
      const floor = requireFloor(state);
      if ('ok' in floor) return floor;
      if (actorId !== floor.speakerId) {
        return refuse('not-your-turn', event.type === 'pass-floor' ? 'The floor passes when the speaker is done. You cannot take it.' : 'Only the speaker can continue speaking.');
      }
      if (floor.step !== 'more-asked') return refuse('wrong-phase', 'The floor passes only after a confirmed reflection and "Is there more?".');
      const nextSpeaker = event.type === 'continue-speaking' ? floor.speakerId : floor.listenerId;
      return { ok: true, state: beginTurn(state, nextSpeaker, at) };
    }
    case 'move-to-next-steps': {
      if (state.phase !== 'floor') return refuse('wrong-phase', state.phase === 'closing' ? 'You are writing next steps already.' : 'Next steps come after you have talked.');
      // The speaker decides when they have said enough; the listener cannot cut their turn short.
      if (state.floor && actorId !== state.floor.speakerId) return refuse('not-your-turn', 'Only the speaker can move you both on to next steps. You are listening now.');
      if (!event.nextStepsDocumentId) return refuse('invalid', 'The next steps document is missing.');
      const turns = closeRunningTurn(state.turns, at, 'yield');
      return { ok: true, state: { ...state, turns, phase: 'closing', floor: state.floor ? { ...state.floor, turnEndsAt: null } : null, nextStepsDocumentId: event.nextStepsDocumentId } };
    }
    case 'pause': {
      if (state.phase === 'proposed' || state.phase === 'scheduled') return refuse('wrong-phase', 'The conversation has not started yet, so there is nothing to pause.');
      const minimumEndsAt = at + state.pauseMinimumSeconds * 1000;
      if (!Number.isFinite(event.returnAt) || event.returnAt < minimumEndsAt || event.returnAt > at + LONGEST_PAUSE_MS) {
        return refuse('invalid', `Choose a return time between ${minutesText(state.pauseMinimumSeconds * 1000)} and 24 hours from now.`);
      }
      const floor = state.floor;
      const speaking = state.phase === 'floor' && floor?.step === 'speaking' && floor.turnEndsAt !== null;
      // A pause during the reveal keeps the whole turn for later (never more than a turn).
      const remainingTurnMs = speaking ? Math.min(floor!.turnEndsAt! - at, state.turnSeconds * 1000) : null;
      const pause: Pause = { by: actorId, startedAt: at, minimumEndsAt, returnAt: event.returnAt, returnProposedBy: actorId, returnAgreed: false, ready: [], remainingTurnMs, endedAt: null };
      const turns = speaking ? stopTurnClock(state.turns, at) : state.turns;
      return { ok: true, state: { ...state, turns, pause, pauses: [...state.pauses, pause], floor: floor ? { ...floor, turnEndsAt: speaking ? null : floor.turnEndsAt } : null } };
    }
    case 'ready':
      return refuse('wrong-phase', 'Nothing is paused.');
  }
}

/**
 * The return time of a pause is agreed by both: the one who paused suggests it, the other agrees or
 * suggests another, and so on until one agrees. It stays within the rules of a pause: not before
 * the minimum, not later than 24 hours after the pause began. It is a plan, not a lock: after the
 * minimum, the conversation resumes whenever both say they are ready.
 */
function agreeOnReturn(state: ConversationState, pause: Pause, actorId: string, event: Extract<ConversationEvent, { type: 'propose-return' | 'agree-return' }>, at: number): Outcome {
  if (pause.returnAgreed) return refuse('already-done', 'You have both agreed when to come back.');
  if (actorId === pause.returnProposedBy) return refuse('not-your-turn', 'You suggested this time. Your partner can agree to it or suggest another.');
  if (event.type === 'agree-return') {
    const agreed = { ...pause, returnAgreed: true };
    return { ok: true, state: { ...state, pause: agreed, pauses: replaceLast(state.pauses, agreed) } };
  }
  if (!Number.isFinite(event.returnAt) || event.returnAt < pause.minimumEndsAt || event.returnAt > pause.startedAt + LONGEST_PAUSE_MS) {
    return refuse('invalid', `Choose a time at least ${minutesText(state.pauseMinimumSeconds * 1000)} after the pause began and no later than 24 hours after it.`);
  }
  if (event.returnAt === pause.returnAt) return refuse('invalid', 'That is the time already suggested. Agree to it, or choose another.');
  const suggested = { ...pause, returnAt: event.returnAt, returnProposedBy: actorId };
  return { ok: true, state: { ...state, pause: suggested, pauses: replaceLast(state.pauses, suggested) } };
}

function requireFloor(state: ConversationState): Floor | Refusal {
  if (state.phase !== 'floor' || !state.floor) return refuse('wrong-phase', state.phase === 'check-in' ? 'Check in first; then the first speaker takes the floor.' : 'Nobody has the floor right now.');
  return state.floor;
}

/** Ends the last turn if it is still open, counting the stretch being spoken (none while paused). */
function closeRunningTurn(turns: Turn[], at: number, endedBy: Turn['endedBy']): Turn[] {
  const last = turns.at(-1);
  if (!last || last.endedAt !== null) return turns;
  // runningSince is in the future while the reveal lasts: nothing has been spoken yet.
  const spokenMs = last.spokenMs + (last.runningSince === null ? 0 : Math.max(0, at - last.runningSince));
  return replaceLast(turns, { ...last, spokenMs, runningSince: null, endedAt: at, endedBy });
}

function stopTurnClock(turns: Turn[], at: number): Turn[] {
  const last = turns.at(-1)!;
  return replaceLast(turns, { ...last, spokenMs: last.spokenMs + Math.max(0, at - (last.runningSince ?? at)), runningSince: null });
}

function resume(state: ConversationState, pause: Pause, at: number): ConversationState {
  const pauses = replaceLast(state.pauses, pause);
  const floor = state.floor;
  if (state.phase === 'floor' && floor && floor.step === 'speaking' && pause.remainingTurnMs !== null) {
    const turns = replaceLast(state.turns, { ...state.turns.at(-1)!, runningSince: at });
    return { ...state, pause: null, pauses, turns, floor: { ...floor, turnEndsAt: at + pause.remainingTurnMs } };
  }
  return { ...state, pause: null, pauses };
}

function replaceLast<T>(items: T[], item: T): T[] {
  return [...items.slice(0, -1), item];
}
