import { expect } from 'vitest';
import { applyEvent, startConversation, type ConversationEvent, type ConversationState } from '../../../server/domain/conversations/conversation-machine';

export const ALEX = 'alex';
export const SAM = 'sam';
export const MINUTE = 60_000;
export const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);

export function proposed(options: { turnSeconds?: number; pauseMinimumSeconds?: number; revealSeconds?: number } = {}): ConversationState {
  const outcome = startConversation(
    ALEX,
    { type: 'propose', partnerId: SAM, topic: 'How we talk about money', turnSeconds: options.turnSeconds ?? 180, pauseMinimumSeconds: options.pauseMinimumSeconds ?? 1200, revealSeconds: options.revealSeconds },
    T0,
  );
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.state;
}

export function must(state: ConversationState, actor: string, event: ConversationEvent, at: number): ConversationState {
  const outcome = applyEvent(state, actor, event, at);
  if (!outcome.ok) throw new Error(`${actor} ${event.type} refused: ${outcome.reason}`);
  return outcome.state;
}

export function refused(state: ConversationState, actor: string, event: ConversationEvent, at: number) {
  const outcome = applyEvent(state, actor, event, at);
  expect(outcome.ok, `${actor} ${event.type} should be refused`).toBe(false);
  if (outcome.ok) throw new Error('unreachable');
  expect(outcome.reason.length).toBeGreaterThan(10);
  return outcome;
}

/** Alex proposed, Sam accepted, both arrived and checked in: Alex (the proposer) has the floor from T0+1min. */
export function onTheFloor(options: { turnSeconds?: number; pauseMinimumSeconds?: number; revealSeconds?: number } = {}): ConversationState {
  let state = proposed(options);
  state = must(state, SAM, { type: 'accept' }, T0 + 1000);
  state = must(state, ALEX, { type: 'arrive' }, T0 + 2000);
  state = must(state, ALEX, { type: 'check-in', feelings: ['anxious', 'hopeful'], intensity: 3 }, T0 + 30_000);
  state = must(state, SAM, { type: 'check-in', feelings: ['tired'], intensity: 2 }, T0 + MINUTE);
  return state;
}
