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

describe('check-ins in the summary', () => {
  const checkedInAlone = () => {
    let state = must(must(proposed(), SAM, { type: 'accept' }, T0), ALEX, { type: 'arrive' }, T0);
    return must(state, ALEX, { type: 'check-in', feelings: ['ashamed', 'hopeful'], intensity: 4 }, T0 + 1000);
  };

  it('never shows the partner a check-in they did not see while the conversation ran', () => {
    const ended = must(checkedInAlone(), SAM, { type: 'end' }, T0 + 2000);
    const samReads = summarizeConversation(ended, SAM);
    expect(samReads.checkIns).toEqual([]);
    expect(JSON.stringify(samReads)).not.toMatch(/ashamed|hopeful|"intensity"/);
    // The one who checked in still reads their own.
    expect(summarizeConversation(ended, ALEX).checkIns).toEqual([{ userId: ALEX, checkIn: expect.objectContaining({ feelings: ['ashamed', 'hopeful'], intensity: 4 }) }]);
  });

  it('shows both once both have checked in', () => {
    const both = must(checkedInAlone(), SAM, { type: 'check-in', feelings: ['sad'], intensity: 2 }, T0 + 3000);
    const ended = must(both, SAM, { type: 'end' }, T0 + 4000);
    expect(summarizeConversation(ended, SAM).checkIns.map((c) => [c.userId, c.checkIn.feelings])).toEqual([
      [ALEX, ['ashamed', 'hopeful']],
      [SAM, ['sad']],
    ]);
  });

  it('replays an erased check-in as a check-in that shows nothing to anyone', () => {
    let state = must(must(proposed(), SAM, { type: 'accept' }, T0), ALEX, { type: 'arrive' }, T0);
    state = must(state, ALEX, { type: 'check-in', erased: true }, T0 + 1000);
    expect(viewConversation('c', state, SAM, T0 + 1000).checkIn).toEqual({ mine: null, partnerHasCheckedIn: true, partners: null });
    expect(viewConversation('c', state, ALEX, T0 + 1000).checkIn.mine).toBeNull();
    refused(state, ALEX, { type: 'check-in', feelings: ['calm'], intensity: 1 }, T0 + 2000);
    state = must(state, SAM, { type: 'check-in', feelings: ['sad'], intensity: 2 }, T0 + 3000);
    expect(state.phase).toBe('floor');
    expect(viewConversation('c', state, SAM, T0 + 3000).checkIn.partners).toBeNull();
    expect(summarizeConversation(must(state, SAM, { type: 'end' }, T0 + 4000), SAM).checkIns.map((c) => c.userId)).toEqual([SAM]);
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

describe('moving on to next steps', () => {
  it('is the speaker\'s decision at every floor step; the listener is refused with a reason', () => {
    const steps = [
      onTheFloor(),
      must(onTheFloor(), ALEX, { type: 'yield' }, T0 + 2 * MINUTE),
      must(must(onTheFloor(), ALEX, { type: 'yield' }, T0 + 2 * MINUTE), SAM, { type: 'reflect', text: 'You said' }, T0 + 2 * MINUTE),
    ];
    for (const state of steps) {
      const at = T0 + 3 * MINUTE;
      expect(refused(state, SAM, { type: 'move-to-next-steps', nextStepsDocumentId: 'doc' }, at)).toMatchObject({ code: 'not-your-turn', reason: expect.stringContaining('Only the speaker') });
      expect(must(state, ALEX, { type: 'move-to-next-steps', nextStepsDocumentId: 'doc' }, at)).toMatchObject({ phase: 'closing', nextStepsDocumentId: 'doc' });
    }
  });
});

describe('agreeing when to come back from a pause', () => {
  const pausedAt = T0 + 2 * MINUTE;
  const paused = () => must(onTheFloor(), SAM, { type: 'pause', returnAt: pausedAt + 30 * MINUTE }, pausedAt);

  it('starts with the time the one who paused suggests, not yet agreed', () => {
    expect(paused().pause).toMatchObject({ by: SAM, returnAt: pausedAt + 30 * MINUTE, returnProposedBy: SAM, returnAgreed: false });
  });

  it('lets the other agree, and then the time is agreed for both', () => {
    refused(paused(), SAM, { type: 'agree-return' }, pausedAt + MINUTE);
    const agreed = must(paused(), ALEX, { type: 'agree-return' }, pausedAt + MINUTE);
    expect(agreed.pause).toMatchObject({ returnAt: pausedAt + 30 * MINUTE, returnAgreed: true });
    expect(agreed.pauses.at(-1)).toMatchObject({ returnAgreed: true });
    for (const viewer of [ALEX, SAM]) expect(viewConversation('c', agreed, viewer, pausedAt + MINUTE).pause).toMatchObject({ returnAt: pausedAt + 30 * MINUTE, returnAgreed: true, returnReached: false });
    expect(viewConversation('c', agreed, ALEX, pausedAt + 30 * MINUTE).pause?.returnReached).toBe(true);
    expect(refused(agreed, ALEX, { type: 'propose-return', returnAt: pausedAt + 40 * MINUTE }, pausedAt + 2 * MINUTE).code).toBe('already-done');
    expect(refused(agreed, SAM, { type: 'agree-return' }, pausedAt + 2 * MINUTE).code).toBe('already-done');
  });

  it('lets the other suggest another time, and the first agree to it or counter', () => {
    let state = must(paused(), ALEX, { type: 'propose-return', returnAt: pausedAt + 60 * MINUTE }, pausedAt + MINUTE);
    expect(state.pause).toMatchObject({ returnAt: pausedAt + 60 * MINUTE, returnProposedBy: ALEX, returnAgreed: false });
    expect(refused(state, ALEX, { type: 'agree-return' }, pausedAt + MINUTE).code).toBe('not-your-turn');
    expect(refused(state, ALEX, { type: 'propose-return', returnAt: pausedAt + 50 * MINUTE }, pausedAt + MINUTE).code).toBe('not-your-turn');
    state = must(state, SAM, { type: 'propose-return', returnAt: pausedAt + 45 * MINUTE }, pausedAt + 2 * MINUTE);
    state = must(state, ALEX, { type: 'agree-return' }, pausedAt + 3 * MINUTE);
    expect(state.pause).toMatchObject({ returnAt: pausedAt + 45 * MINUTE, returnProposedBy: SAM, returnAgreed: true });
    // The agreed time is a plan, not a lock: after the minimum, both being ready resumes.
    state = must(must(state, SAM, { type: 'ready' }, pausedAt + 20 * MINUTE), ALEX, { type: 'ready' }, pausedAt + 21 * MINUTE);
    expect(state.pause).toBeNull();
    expect(summarizeConversation(must(state, ALEX, { type: 'end' }, pausedAt + 22 * MINUTE), ALEX).pauses).toEqual([expect.objectContaining({ by: SAM, agreedReturnAt: pausedAt + 45 * MINUTE })]);
  });

  it('keeps a suggested time between the minimum and 24 hours after the pause began', () => {
    const state = paused();
    const at = pausedAt + 10 * MINUTE;
    expect(refused(state, ALEX, { type: 'propose-return', returnAt: pausedAt + 20 * MINUTE - 1 }, at)).toMatchObject({ code: 'invalid', reason: expect.stringContaining('at least 20 minutes') });
    expect(refused(state, ALEX, { type: 'propose-return', returnAt: pausedAt + 24 * 60 * MINUTE + 1 }, at)).toMatchObject({ code: 'invalid', reason: expect.stringContaining('24 hours') });
    expect(refused(state, ALEX, { type: 'propose-return', returnAt: pausedAt + 30 * MINUTE }, at).reason).toContain('already suggested');
    expect(must(state, ALEX, { type: 'propose-return', returnAt: pausedAt + 20 * MINUTE }, at).pause?.returnAt).toBe(pausedAt + 20 * MINUTE);
    expect(must(state, ALEX, { type: 'propose-return', returnAt: pausedAt + 24 * 60 * MINUTE }, at).pause?.returnAt).toBe(pausedAt + 24 * 60 * MINUTE);
  });

  it('is refused when nothing is paused', () => {
    expect(refused(onTheFloor(), SAM, { type: 'agree-return' }, T0 + 2 * MINUTE).code).toBe('wrong-phase');
    expect(refused(onTheFloor(), SAM, { type: 'propose-return', returnAt: T0 + 40 * MINUTE }, T0 + 2 * MINUTE).code).toBe('wrong-phase');
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
    state = must(state, ALEX, { type: 'move-to-next-steps', nextStepsDocumentId: 'doc-1' }, T0 + 27 * MINUTE);
    expect(state.phase).toBe('closing');
    refused(state, SAM, { type: 'yield' }, T0 + 28 * MINUTE);
    state = must(state, ALEX, { type: 'end' }, T0 + 31 * MINUTE);
    refused(state, SAM, { type: 'end' }, T0 + 32 * MINUTE);
    const summary = summarizeConversation(state, SAM);
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

  it('says a conversation ended early because a partner left, with the reason kept in the state', () => {
    const ended = must(onTheFloor(), SAM, { type: 'end', reason: 'partner-left' }, T0 + 2 * MINUTE);
    expect(ended).toMatchObject({ phase: 'ended', endReason: 'partner-left' });
    expect(summarizeConversation(ended, ALEX)).toMatchObject({ endReason: 'partner-left' });
    expect(must(onTheFloor(), SAM, { type: 'end' }, T0 + 2 * MINUTE).endReason).toBeNull();
  });

  it('refuses anyone who is not one of the two', () => {
    expect(applyEvent(onTheFloor(), 'stranger', { type: 'end' }, T0)).toMatchObject({ ok: false, code: 'not-a-participant' });
  });
});
