import { describe, expect, it } from 'vitest';
import { advanceTo, applyEvent, startConversation } from '../../../server/domain/conversations/conversation-machine';
import { summarizeConversation } from '../../../server/domain/conversations/conversation-summary';
import { viewConversation } from '../../../server/domain/conversations/conversation-view';
import { ALEX, MINUTE, SAM, T0, must, onTheFloor, proposed, refused } from './machine-helpers';

describe('starting a conversation', () => {
  it('refuses a turn length outside 1 to 10 minutes and an empty topic', () => {
    const base = { type: 'propose' as const, partnerId: SAM, topic: 'Us', pauseMinimumSeconds: 1200 };
    expect(startConversation(ALEX, { ...base, turnSeconds: 59 }, T0)).toMatchObject({ ok: false, code: 'invalid' });
    expect(startConversation(ALEX, { ...base, turnSeconds: 601 }, T0)).toMatchObject({ ok: false, code: 'invalid' });
    expect(startConversation(ALEX, { ...base, topic: '   ', turnSeconds: 180 }, T0)).toMatchObject({ ok: false, reason: expect.stringContaining('one sentence') });
    expect(startConversation(ALEX, { ...base, turnSeconds: 600 }, T0).ok).toBe(true);
  });

  it('lets only the partner accept, or suggest a time within 24 hours', () => {
    const state = proposed();
    refused(state, ALEX, { type: 'accept' }, T0);
    refused(state, SAM, { type: 'propose-time', at: T0 + 25 * 60 * MINUTE }, T0);
    refused(state, SAM, { type: 'propose-time', at: T0 - 1 }, T0);
    refused(state, 'stranger', { type: 'accept' }, T0);
    const planned = must(state, SAM, { type: 'propose-time', at: T0 + 60 * MINUTE }, T0);
    expect(planned).toMatchObject({ phase: 'scheduled', scheduledFor: T0 + 60 * MINUTE });
    expect(refused(planned, ALEX, { type: 'arrive' }, T0 + 10 * MINUTE).code).toBe('too-early');
    const one = must(planned, ALEX, { type: 'arrive' }, T0 + 56 * MINUTE);
    const both = must(one, SAM, { type: 'arrive' }, T0 + 60 * MINUTE);
    expect(both.phase).toBe('check-in');
  });

  it('opens only when both are present', () => {
    const accepted = must(proposed(), SAM, { type: 'accept' }, T0);
    expect(accepted.phase).toBe('opening');
    refused(accepted, SAM, { type: 'arrive' }, T0);
    expect(must(accepted, ALEX, { type: 'arrive' }, T0).phase).toBe('check-in');
  });
});

describe('check-in', () => {
  it('keeps each choice from the partner until both have chosen, then shows both', () => {
    let state = must(must(proposed(), SAM, { type: 'accept' }, T0), ALEX, { type: 'arrive' }, T0);
    state = must(state, ALEX, { type: 'check-in', feelings: ['hurt', 'angry'], intensity: 4 }, T0 + 1000);
    const samSees = viewConversation('c', state, SAM, T0 + 1000);
    expect(samSees.checkIn).toEqual({ mine: null, partnerHasCheckedIn: true, partners: null });
    expect(JSON.stringify(samSees)).not.toContain('hurt');
    expect(viewConversation('c', state, ALEX, T0).checkIn.mine?.feelings).toEqual(['hurt', 'angry']);
    refused(state, ALEX, { type: 'check-in', feelings: ['calm'], intensity: 1 }, T0 + 2000);
    refused(state, SAM, { type: 'check-in', feelings: [], intensity: 1 }, T0 + 2000);
    refused(state, SAM, { type: 'check-in', feelings: ['calm'], intensity: 6 }, T0 + 2000);
    state = must(state, SAM, { type: 'check-in', feelings: ['sad'], intensity: 2 }, T0 + 3000);
    expect(viewConversation('c', state, SAM, T0).checkIn.partners).toMatchObject({ feelings: ['hurt', 'angry'], intensity: 4 });
    expect(viewConversation('c', state, ALEX, T0).checkIn.partners).toMatchObject({ feelings: ['sad'], intensity: 2 });
  });
});

describe('the floor', () => {
  it('gives the proposer the first turn with a deadline; only the speaker can yield', () => {
    const state = onTheFloor();
    expect(state.floor).toMatchObject({ speakerId: ALEX, listenerId: SAM, step: 'speaking', turnEndsAt: T0 + MINUTE + 180_000 });
    expect(refused(state, SAM, { type: 'yield' }, T0 + 2 * MINUTE)).toMatchObject({ code: 'not-your-turn', reason: expect.stringContaining('Only the speaker') });
    expect(refused(state, SAM, { type: 'pass-floor' }, T0 + 2 * MINUTE).code).toBe('not-your-turn');
    expect(refused(state, SAM, { type: 'reflect', text: 'You said' }, T0 + 2 * MINUTE).code).toBe('wrong-phase');
    expect(must(state, ALEX, { type: 'yield' }, T0 + 2 * MINUTE).floor?.step).toBe('reflecting');
  });

  it('ends the turn at its deadline without anyone pressing anything', () => {
    const state = onTheFloor({ turnSeconds: 60 });
    expect(advanceTo(state, T0 + 2 * MINUTE - 1).floor?.step).toBe('speaking');
    const late = advanceTo(state, T0 + 2 * MINUTE);
    expect(late.floor?.step).toBe('reflecting');
    expect(late.turns[0]).toMatchObject({ spokenMs: 60_000, endedBy: 'time' });
    // The listener may reflect straight away, as the stored events are replayed with their own times.
    expect(must(state, SAM, { type: 'reflect', text: 'What I heard is…' }, T0 + 3 * MINUTE).floor?.step).toBe('confirming');
  });

  it('sends "Not quite" back to the listener and passes the floor only after "That\'s right" and "Is there more?"', () => {
    let state = must(onTheFloor(), ALEX, { type: 'yield' }, T0 + 2 * MINUTE);
    state = must(state, SAM, { type: 'reflect', text: 'You feel money is a secret.' }, T0 + 3 * MINUTE);
    refused(state, SAM, { type: 'answer-reflection', verdict: 'right' }, T0 + 3 * MINUTE);
    state = must(state, ALEX, { type: 'answer-reflection', verdict: 'not-quite' }, T0 + 4 * MINUTE);
    expect(state.floor).toMatchObject({ step: 'reflecting', attempt: 2 });
    refused(state, ALEX, { type: 'pass-floor' }, T0 + 4 * MINUTE);
    state = must(state, SAM, { type: 'reflect', text: 'You feel left out of decisions about money.' }, T0 + 5 * MINUTE);
    state = must(state, ALEX, { type: 'answer-reflection', verdict: 'right' }, T0 + 6 * MINUTE);
    refused(state, ALEX, { type: 'pass-floor' }, T0 + 6 * MINUTE);
    refused(state, ALEX, { type: 'ask-more' }, T0 + 6 * MINUTE);
    state = must(state, SAM, { type: 'ask-more' }, T0 + 6 * MINUTE);
    refused(state, SAM, { type: 'pass-floor' }, T0 + 6 * MINUTE);
    const continued = must(state, ALEX, { type: 'continue-speaking' }, T0 + 7 * MINUTE);
    expect(continued.floor).toMatchObject({ speakerId: ALEX, step: 'speaking', attempt: 1, turnEndsAt: T0 + 10 * MINUTE });
    const passed = must(state, ALEX, { type: 'pass-floor' }, T0 + 7 * MINUTE);
    expect(passed.floor).toMatchObject({ speakerId: SAM, listenerId: ALEX, step: 'speaking' });
    expect(viewConversation('c', passed, SAM, T0).floor?.yourRole).toBe('speaker');
  });
});

describe('pause', () => {
  it('lasts at least the minimum (20 minutes by default), accepts only "ready" and "end", and resumes the turn timer', () => {
    let state = onTheFloor();
    const pausedAt = T0 + 2 * MINUTE; // a minute into Alex's 3-minute turn
    refused(state, SAM, { type: 'pause', returnAt: pausedAt + 19 * MINUTE }, pausedAt);
    refused(state, SAM, { type: 'pause', returnAt: pausedAt + 25 * 60 * MINUTE }, pausedAt);
    state = must(state, SAM, { type: 'pause', returnAt: pausedAt + 30 * MINUTE }, pausedAt);
    expect(state.pause).toMatchObject({ by: SAM, minimumEndsAt: pausedAt + 20 * MINUTE, returnAt: pausedAt + 30 * MINUTE });
    // The turn's deadline does not run during a pause.
    expect(advanceTo(state, pausedAt + 10 * MINUTE).floor?.step).toBe('speaking');
    for (const event of [{ type: 'yield' as const }, { type: 'pause' as const, returnAt: pausedAt + 60 * MINUTE }, { type: 'reflect' as const, text: 'x' }]) {
      expect(refused(state, ALEX, event, pausedAt + MINUTE).code).toBe('paused');
    }
    expect(refused(state, ALEX, { type: 'ready' }, pausedAt + 20 * MINUTE - 1)).toMatchObject({ code: 'too-early', reason: expect.stringContaining('at least 20 minutes') });
    state = must(state, ALEX, { type: 'ready' }, pausedAt + 20 * MINUTE);
    expect(state.pause).not.toBeNull();
    refused(state, ALEX, { type: 'ready' }, pausedAt + 21 * MINUTE);
    state = must(state, SAM, { type: 'ready' }, pausedAt + 25 * MINUTE);
    expect(state.pause).toBeNull();
    expect(state.floor).toMatchObject({ step: 'speaking', turnEndsAt: pausedAt + 25 * MINUTE + 2 * MINUTE });
    state = must(state, ALEX, { type: 'yield' }, pausedAt + 26 * MINUTE);
    expect(state.turns[0]!.spokenMs).toBe(2 * MINUTE);
  });

  it('can be ended during a pause, for both', () => {
    const paused = must(onTheFloor(), ALEX, { type: 'pause', returnAt: T0 + 60 * MINUTE }, T0 + 2 * MINUTE);
    const ended = must(paused, SAM, { type: 'end' }, T0 + 3 * MINUTE);
    expect(ended).toMatchObject({ phase: 'ended', endedBy: SAM, pause: null });
    refused(ended, ALEX, { type: 'ready' }, T0 + 30 * MINUTE);
  });
});

describe('closing and the summary', () => {
  it('moves to next steps, ends for both and summarises turns, reflections with tries, pauses and check-ins', () => {
    let state = must(onTheFloor(), ALEX, { type: 'yield' }, T0 + 2 * MINUTE);
    state = must(state, SAM, { type: 'reflect', text: 'First try' }, T0 + 3 * MINUTE);
    state = must(state, ALEX, { type: 'answer-reflection', verdict: 'not-quite' }, T0 + 3 * MINUTE);
    state = must(state, SAM, { type: 'reflect', text: 'Second try' }, T0 + 4 * MINUTE);
    state = must(state, ALEX, { type: 'answer-reflection', verdict: 'right' }, T0 + 4 * MINUTE);
    state = must(state, SAM, { type: 'pause', returnAt: T0 + 30 * MINUTE }, T0 + 5 * MINUTE);
    state = must(state, SAM, { type: 'ready' }, T0 + 25 * MINUTE);
    state = must(state, ALEX, { type: 'ready' }, T0 + 26 * MINUTE);
    state = must(state, SAM, { type: 'move-to-next-steps', nextStepsDocumentId: 'doc-1' }, T0 + 27 * MINUTE);
    expect(state.phase).toBe('closing');
    refused(state, SAM, { type: 'yield' }, T0 + 28 * MINUTE);
    state = must(state, ALEX, { type: 'end' }, T0 + 31 * MINUTE);
    refused(state, SAM, { type: 'end' }, T0 + 32 * MINUTE);
    const summary = summarizeConversation(state);
    expect(summary).toMatchObject({
      topic: 'How we talk about money',
      durationMs: 31 * MINUTE - 2000, // from the moment both were present
      endedBy: ALEX,
      turns: [{ speakerId: ALEX, spokenMs: MINUTE, endedBy: 'yield' }],
      reflections: [{ listenerId: SAM, text: 'Second try', tries: 2, confirmed: true }],
      pauses: [{ by: SAM, lengthMs: 21 * MINUTE }],
      nextStepsDocumentId: 'doc-1',
    });
    expect(summary.checkIns.map((c) => c.userId)).toEqual([ALEX, SAM]);
  });

  it('refuses anyone who is not one of the two', () => {
    expect(applyEvent(onTheFloor(), 'stranger', { type: 'end' }, T0)).toMatchObject({ ok: false, code: 'not-a-participant' });
  });
});
