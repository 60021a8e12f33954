/**
 * Invariants of the protocol under arbitrary sequences of events by either partner at arbitrary
 * (increasing) times: whatever people press, in whatever order, the rules hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceTo, applyEvent, CHECK_IN_FEELINGS, type ConversationEvent, type ConversationState } from '../../../server/domain/conversations/conversation-machine';
import { summarizeConversation } from '../../../server/domain/conversations/conversation-summary';
import { viewConversation } from '../../../server/domain/conversations/conversation-view';
import { ALEX, MINUTE, SAM, T0, onTheFloor, proposed } from './machine-helpers';

const eventArbitrary: fc.Arbitrary<ConversationEvent> = fc.oneof(
  fc.constant({ type: 'accept' as const }),
  fc.constant({ type: 'arrive' as const }),
  fc.record({ type: fc.constant('check-in' as const), feelings: fc.subarray([...CHECK_IN_FEELINGS, 'nervous', 'not-a-feeling'], { minLength: 0, maxLength: 6 }), intensity: fc.integer({ min: 0, max: 6 }) }),
  fc.constant({ type: 'yield' as const }),
  fc.record({ type: fc.constant('reflect' as const), text: fc.string({ maxLength: 20 }) }),
  fc.record({ type: fc.constant('answer-reflection' as const), verdict: fc.constantFrom('right' as const, 'not-quite' as const) }),
  fc.constant({ type: 'ask-more' as const }),
  fc.constant({ type: 'continue-speaking' as const }),
  fc.constant({ type: 'pass-floor' as const }),
  fc.constant({ type: 'ready' as const }),
  fc.record({ type: fc.constant('pause' as const), returnAtOffset: fc.integer({ min: 0, max: 25 * 60 * MINUTE }) }).map(({ returnAtOffset }) => ({ type: 'pause' as const, returnAt: -returnAtOffset })),
  fc.record({ type: fc.constant('propose-return' as const), returnAtOffset: fc.integer({ min: 0, max: 25 * 60 * MINUTE }) }).map(({ returnAtOffset }) => ({ type: 'propose-return' as const, returnAt: -returnAtOffset })),
  fc.constant({ type: 'agree-return' as const }),
  fc.constant({ type: 'move-to-next-steps' as const, nextStepsDocumentId: 'next-steps' }),
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
    { type: 'propose-return', returnAt: at + pauseMinimumSeconds * 1000 + 2 * MINUTE },
    { type: 'agree-return' },
    { type: 'move-to-next-steps', nextStepsDocumentId: 'next-steps' },
    { type: 'ready' },
  ];
}

/** Events that end a stretch of the protocol early; offered on every step they would swamp everything else. */
const RARE = new Set(['pause', 'move-to-next-steps']);

interface Transition {
  before: ConversationState;
  after: ConversationState | null;
  actor: string;
  event: ConversationEvent;
  at: number;
}

type Step = { guided: boolean; pick: number; actor: string; event: ConversationEvent; gap: number };

function chooseStep(state: ConversationState, step: Step, at: number): { actor: string; event: ConversationEvent } {
  // Return times are drawn relative to the moment they are suggested.
  const relative = step.event.type === 'pause' || step.event.type === 'propose-return';
  const random = { actor: step.actor, event: relative ? { ...step.event, returnAt: at - (step.event as { returnAt: number }).returnAt } : step.event };
  if (!step.guided) return random;
  const candidates = candidateEvents(at, state.pauseMinimumSeconds).filter((event) => !RARE.has(event.type) || step.pick % 8 === (event.type === 'pause' ? 0 : 1));
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

const starts = [proposed({ turnSeconds: 60 }), onTheFloor({ turnSeconds: 60 }), proposed({ turnSeconds: 60, revealSeconds: 8 })];
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

  it('lets only the speaker move on to next steps, whatever the floor step', () => {
    fc.assert(
      fc.property(fc.constantFrom(...starts), fc.array(stepArbitrary, { minLength: 40, maxLength: 80 }), (start, steps) => {
        for (const t of run(start, steps)) {
          if (t.event.type !== 'move-to-next-steps' || !t.after) continue;
          expect(t.before.phase).toBe('floor');
          expect(t.actor).toBe(t.before.floor?.speakerId);
          expect(t.after.phase).toBe('closing');
        }
      }),
      params,
    );
  });

  it('keeps a pause\'s return time agreed by both: suggested by one, agreed by the other, within the minimum and 24 hours', () => {
    fc.assert(
      fc.property(fc.constantFrom(...starts), fc.array(stepArbitrary, { minLength: 40, maxLength: 80 }), (start, steps) => {
        for (const t of run(start, steps)) {
          const before = t.before.pause;
          const after = t.after?.pause;
          if (!after) continue;
          expect(after.returnAt).toBeGreaterThanOrEqual(after.minimumEndsAt);
          expect(after.returnAt).toBeLessThanOrEqual(after.startedAt + 24 * 60 * MINUTE);
          if (!before || before.startedAt !== after.startedAt) {
            // A new pause: the time is the pauser's suggestion, not yet agreed.
            expect(after).toMatchObject({ by: t.actor, returnProposedBy: t.actor, returnAgreed: false });
            continue;
          }
          if (before.returnAgreed) expect(after).toMatchObject({ returnAt: before.returnAt, returnAgreed: true });
          if (!before.returnAgreed && after.returnAgreed) {
            expect(t.event.type).toBe('agree-return');
            expect(t.actor).not.toBe(before.returnProposedBy);
            expect(after.returnAt).toBe(before.returnAt);
          }
          if (after.returnAt !== before.returnAt) {
            expect(t.event.type).toBe('propose-return');
            expect(t.actor).not.toBe(before.returnProposedBy);
            expect(after.returnProposedBy).toBe(t.actor);
          }
        }
      }),
      params,
    );
  });

  it('accepts nothing but "ready", "end" and agreeing the return time during a pause, and a pause never ends before its minimum', () => {
    fc.assert(
      fc.property(fc.constantFrom(...starts), fc.array(stepArbitrary, { minLength: 40, maxLength: 80 }), (start, steps) => {
        for (const t of run(start, steps)) {
          if (!t.after || !t.before.pause) continue;
          expect(['ready', 'end', 'propose-return', 'agree-return']).toContain(t.event.type);
          if (t.after.pause === null && t.event.type === 'ready') {
            expect(t.at - t.before.pause.startedAt).toBeGreaterThanOrEqual(start.pauseMinimumSeconds * 1000);
          }
        }
      }),
      params,
    );
  });

  it('never shows a partner\'s check-in before both have checked in, live or in the summary', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 20, maxLength: 50 }), (steps) => {
        for (const t of run(proposed(), steps)) {
          const state = t.after ?? t.before;
          for (const viewer of [ALEX, SAM]) {
            const partner = viewer === ALEX ? SAM : ALEX;
            const view = viewConversation('c', state, viewer, t.at);
            const summary = summarizeConversation(state, viewer);
            const both = Boolean(state.checkIns[ALEX] && state.checkIns[SAM]);
            if (!both) {
              expect(view.checkIn.partners).toBeNull();
              expect(summary.checkIns.map((c) => c.userId)).not.toContain(partner);
              const partnersCheckIn = state.checkIns[partner];
              if (partnersCheckIn) {
                expect(JSON.stringify(view)).not.toContain(JSON.stringify(partnersCheckIn.feelings));
                expect(JSON.stringify(summary)).not.toContain(JSON.stringify(partnersCheckIn.feelings));
              }
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
    let agreements = 0;
    let counters = 0;
    let movesOn = 0;
    let listenerRefused = 0;
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 40, maxLength: 80 }), (steps) => {
        const transitions = run(proposed({ turnSeconds: 60 }), steps);
        if (transitions.some((t) => t.after && t.event.type === 'pass-floor')) passes++;
        if (transitions.some((t) => t.after && t.before.pause && !t.after.pause && t.event.type === 'ready')) resumes++;
        if (transitions.some((t) => t.after && t.event.type === 'agree-return')) agreements++;
        if (transitions.some((t) => t.after && t.event.type === 'propose-return')) counters++;
        if (transitions.some((t) => t.after && t.event.type === 'move-to-next-steps')) movesOn++;
        if (transitions.some((t) => !t.after && t.event.type === 'move-to-next-steps' && t.before.phase === 'floor' && !t.before.pause && t.actor === t.before.floor?.listenerId)) listenerRefused++;
      }),
      { numRuns: 200 },
    );
    expect(passes).toBeGreaterThan(10);
    expect(resumes).toBeGreaterThan(10);
    expect(agreements).toBeGreaterThan(10);
    expect(counters).toBeGreaterThan(10);
    expect(movesOn).toBeGreaterThan(10);
    expect(listenerRefused).toBeGreaterThan(5);
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
