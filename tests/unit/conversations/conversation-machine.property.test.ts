/**
 * Invariants of the protocol under arbitrary sequences of events by either partner at arbitrary
 * (increasing) times: whatever people press, in whatever order, the rules hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceTo, applyEvent, FEELINGS, type ConversationEvent, type ConversationState } from '../../../server/domain/conversations/conversation-machine';
import { viewConversation } from '../../../server/domain/conversations/conversation-view';
import { ALEX, MINUTE, SAM, T0, onTheFloor, proposed } from './machine-helpers';

const eventArbitrary: fc.Arbitrary<ConversationEvent> = fc.oneof(
  fc.constant({ type: 'accept' as const }),
  fc.constant({ type: 'arrive' as const }),
  fc.record({ type: fc.constant('check-in' as const), feelings: fc.subarray([...FEELINGS], { minLength: 0, maxLength: 6 }), intensity: fc.integer({ min: 0, max: 6 }) }),
  fc.constant({ type: 'yield' as const }),
  fc.record({ type: fc.constant('reflect' as const), text: fc.string({ maxLength: 20 }) }),
  fc.record({ type: fc.constant('answer-reflection' as const), verdict: fc.constantFrom('right' as const, 'not-quite' as const) }),
  fc.constant({ type: 'ask-more' as const }),
  fc.constant({ type: 'continue-speaking' as const }),
  fc.constant({ type: 'pass-floor' as const }),
  fc.constant({ type: 'ready' as const }),
  fc.record({ type: fc.constant('pause' as const), returnAtOffset: fc.integer({ min: 0, max: 25 * 60 * MINUTE }) }).map(({ returnAtOffset }) => ({ type: 'pause' as const, returnAt: -returnAtOffset })),
  fc.constant({ type: 'end' as const }),
);

/**
 * An event, who does it, and how long after the previous one. Purely random events are nearly all
 * refused, so most steps are "guided": they pick one of the events the machine would accept right
 * now, which drives runs deep into turns, reflections, pauses and resumes; the rest stay random to
 * probe refusals.
 */
const stepArbitrary = fc.record({
  guided: fc.boolean().chain((b) => (b ? fc.constant(true) : fc.boolean())),
  pick: fc.nat(),
  actor: fc.constantFrom(ALEX, SAM),
  event: eventArbitrary,
  gap: fc.oneof(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 0, max: 25 * MINUTE })),
});

function candidateEvents(at: number, pauseMinimumSeconds: number): ConversationEvent[] {
  return [
    { type: 'accept' },
    { type: 'arrive' },
    { type: 'check-in', feelings: ['calm', 'sad'], intensity: 3 },
    { type: 'yield' },
    { type: 'reflect', text: 'What I heard is that it matters.' },
    { type: 'answer-reflection', verdict: 'right' },
    { type: 'answer-reflection', verdict: 'not-quite' },
    { type: 'ask-more' },
    { type: 'continue-speaking' },
    { type: 'pass-floor' },
    { type: 'pause', returnAt: at + pauseMinimumSeconds * 1000 + MINUTE },
    { type: 'ready' },
  ];
}

interface Transition {
  before: ConversationState;
  after: ConversationState | null;
  actor: string;
  event: ConversationEvent;
  at: number;
}

type Step = { guided: boolean; pick: number; actor: string; event: ConversationEvent; gap: number };

function chooseStep(state: ConversationState, step: Step, at: number): { actor: string; event: ConversationEvent } {
  // Pause return times are drawn relative to the moment of the pause.
  const random = { actor: step.actor, event: step.event.type === 'pause' ? { ...step.event, returnAt: at - step.event.returnAt } : step.event };
  if (!step.guided) return random;
  // Pausing is possible almost always; offered on every step it would swamp everything else.
  const candidates = candidateEvents(at, state.pauseMinimumSeconds).filter((event) => event.type !== 'pause' || step.pick % 8 === 0);
  const accepted = [ALEX, SAM].flatMap((actor) => candidates.filter((event) => applyEvent(state, actor, event, at).ok).map((event) => ({ actor, event })));
  return accepted.length ? accepted[step.pick % accepted.length]! : random;
}

function run(start: ConversationState, steps: Step[]): Transition[] {
  let state = start;
  let at = T0 + MINUTE;
  const transitions: Transition[] = [];
  for (const step of steps) {
    at += step.gap;
    const { actor, event } = chooseStep(state, step, at);
    const before = advanceTo(state, at);
    const outcome = applyEvent(state, actor, event, at);
    transitions.push({ before, after: outcome.ok ? outcome.state : null, actor, event, at });
    if (outcome.ok) state = outcome.state;
  }
  return transitions;
}

const starts = [proposed({ turnSeconds: 60 }), onTheFloor({ turnSeconds: 60 })];
const params = { numRuns: 400 };

describe('conversation protocol invariants', () => {
  it('only the speaker can yield, and the listener never takes the floor', () => {
    fc.assert(
      fc.property(fc.constantFrom(...starts), fc.array(stepArbitrary, { minLength: 40, maxLength: 80 }), (start, steps) => {
        for (const t of run(start, steps)) {
          if (!t.after) continue;
          if (t.event.type === 'yield') expect(t.actor).toBe(t.before.floor?.speakerId);
          const speakerBefore = t.before.phase === 'floor' ? t.before.floor?.speakerId : undefined;
          const speakerAfter = t.after.phase === 'floor' ? t.after.floor?.speakerId : undefined;
          if (speakerBefore && speakerAfter && speakerAfter !== speakerBefore) {
            // The floor changed hands: only by the speaker passing it, after a confirmed reflection and "Is there more?".
            expect(t.event.type).toBe('pass-floor');
            expect(t.actor).toBe(speakerBefore);
            expect(t.before.floor?.step).toBe('more-asked');
            expect(t.before.reflections.at(-1)?.verdict).toBe('right');
          }
        }
      }),
      params,
    );
  });

  it('accepts nothing but "ready" and "end" during a pause, and a pause never ends before its minimum', () => {
    fc.assert(
      fc.property(fc.constantFrom(...starts), fc.array(stepArbitrary, { minLength: 40, maxLength: 80 }), (start, steps) => {
        for (const t of run(start, steps)) {
          if (!t.after || !t.before.pause) continue;
          expect(['ready', 'end']).toContain(t.event.type);
          if (t.after.pause === null && t.event.type === 'ready') {
            expect(t.at - t.before.pause.startedAt).toBeGreaterThanOrEqual(start.pauseMinimumSeconds * 1000);
          }
        }
      }),
      params,
    );
  });

  it('never shows a partner\'s check-in before both have checked in', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 20, maxLength: 50 }), (steps) => {
        for (const t of run(proposed(), steps)) {
          const state = t.after ?? t.before;
          for (const viewer of [ALEX, SAM]) {
            const partner = viewer === ALEX ? SAM : ALEX;
            const view = viewConversation('c', state, viewer, t.at);
            const both = Boolean(state.checkIns[ALEX] && state.checkIns[SAM]);
            if (!both) {
              expect(view.checkIn.partners).toBeNull();
              const partnersCheckIn = state.checkIns[partner];
              if (partnersCheckIn) expect(JSON.stringify(view)).not.toContain(JSON.stringify(partnersCheckIn.feelings));
            }
          }
        }
      }),
      params,
    );
  });

  it('reaches the deep parts of the protocol (a check on the generator itself)', () => {
    let passes = 0;
    let resumes = 0;
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 40, maxLength: 80 }), (steps) => {
        const transitions = run(proposed({ turnSeconds: 60 }), steps);
        if (transitions.some((t) => t.after && t.event.type === 'pass-floor')) passes++;
        if (transitions.some((t) => t.after && t.before.pause && !t.after.pause && t.event.type === 'ready')) resumes++;
      }),
      { numRuns: 200 },
    );
    expect(passes).toBeGreaterThan(10);
    expect(resumes).toBeGreaterThan(10);
  });

  it('refusals change nothing and always carry a reason', () => {
    fc.assert(
      fc.property(fc.constantFrom(...starts), fc.array(stepArbitrary, { minLength: 20, maxLength: 50 }), (start, steps) => {
        let state = start;
        let at = T0 + MINUTE;
        for (const step of steps) {
          at += step.gap;
          const { actor, event } = chooseStep(state, step, at);
          const snapshot = JSON.stringify(state);
          const outcome = applyEvent(state, actor, event, at);
          expect(JSON.stringify(state)).toBe(snapshot);
          if (!outcome.ok) expect(outcome.reason).toMatch(/\w+ \w+/);
          else state = outcome.state;
        }
      }),
      params,
    );
  });
});
