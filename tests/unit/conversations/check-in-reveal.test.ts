/**
 * The check-in offers the notes' feelings vocabulary, and once both have chosen, both screens show
 * both check-ins for a moment before the first turn's time begins.
 */
import { describe, expect, it } from 'vitest';
import { advanceTo, CHECK_IN_FEELINGS, revealEndsAt } from '../../../server/domain/conversations/conversation-machine';
import { conversationActionSchema } from '../../../server/domain/conversations/conversation-input';
import { viewConversation } from '../../../server/domain/conversations/conversation-view';
import { FEELING_WORDS } from '../../../server/domain/feelings/feelings-vocabulary';
import { ALEX, MINUTE, SAM, T0, must, proposed, refused } from './machine-helpers';

const id = '3f0c9a9e-4a43-4a1a-9d51-0a6b8c4c2f11';

function checkedIn(revealSeconds: number) {
  let state = proposed({ turnSeconds: 60, revealSeconds });
  state = must(state, SAM, { type: 'accept' }, T0 + 1000);
  state = must(state, ALEX, { type: 'arrive' }, T0 + 2000);
  state = must(state, ALEX, { type: 'check-in', feelings: ['betrayed', 'hopeful'], intensity: 4 }, T0 + 10_000);
  return must(state, SAM, { type: 'check-in', feelings: ['guilty'], intensity: 3 }, T0 + 20_000);
}

describe('check-in vocabulary', () => {
  it('offers every word of the notes vocabulary, and only those', () => {
    expect([...CHECK_IN_FEELINGS].sort()).toEqual(Object.values(FEELING_WORDS).flat().sort());
    const base = { type: 'check-in', conversationId: id, intensity: 3 };
    expect(conversationActionSchema.safeParse({ ...base, feelings: ['let down', 'overwhelmed'] }).success).toBe(true);
    // A word the check-in used to offer replays from storage but can no longer be chosen.
    const old = conversationActionSchema.safeParse({ ...base, feelings: ['nervous'] });
    expect(old.success).toBe(false);
    expect(old.error?.issues[0]?.message).toBe('Choose feelings from the list.');
  });

  it('still replays a check-in stored with a word offered before', () => {
    let state = proposed();
    state = must(state, SAM, { type: 'accept' }, T0 + 1000);
    state = must(state, ALEX, { type: 'arrive' }, T0 + 2000);
    state = must(state, ALEX, { type: 'check-in', feelings: ['nervous', 'numb'], intensity: 2 }, T0 + 3000);
    expect(state.checkIns[ALEX]?.feelings).toEqual(['nervous', 'numb']);
    refused(state, SAM, { type: 'check-in', feelings: ['made-up'], intensity: 2 }, T0 + 4000);
  });
});

describe('the check-in reveal', () => {
  it('shows both check-ins to both for the reveal, then starts the first turn with its full time', () => {
    const state = checkedIn(8);
    const bothAt = T0 + 20_000;
    expect(state.phase).toBe('floor');
    expect(revealEndsAt(state, bothAt)).toBe(bothAt + 8000);
    for (const viewer of [ALEX, SAM]) {
      const view = viewConversation(id, state, viewer, bothAt + 1000);
      expect(view.revealEndsAt).toBe(bothAt + 8000);
      expect(view.checkIn.mine).not.toBeNull();
      expect(view.checkIn.partners).not.toBeNull();
    }
    expect(state.floor?.turnEndsAt).toBe(bothAt + 8000 + MINUTE);
    // The speaker cannot hand over before their time has begun; afterwards they can.
    refused(state, ALEX, { type: 'yield' }, bothAt + 3000);
    expect(revealEndsAt(state, bothAt + 8000)).toBeNull();
    const yielded = must(state, ALEX, { type: 'yield' }, bothAt + 8000 + 5000);
    expect(yielded.turns[0]?.spokenMs).toBe(5000);
    // The turn's deadline is a minute after the reveal, not after the check-in.
    expect(advanceTo(state, bothAt + MINUTE + 1000).floor?.step).toBe('speaking');
    expect(advanceTo(state, bothAt + 8000 + MINUTE).floor?.step).toBe('reflecting');
  });

  it('a pause during the reveal keeps the whole turn, and counts nothing as spoken', () => {
    const state = checkedIn(8);
    const bothAt = T0 + 20_000;
    const paused = must(state, SAM, { type: 'pause', returnAt: bothAt + 2000 + 20 * MINUTE }, bothAt + 2000);
    expect(paused.pause?.remainingTurnMs).toBe(MINUTE);
    expect(paused.turns[0]?.spokenMs).toBe(0);
    const ended = must(state, ALEX, { type: 'end' }, bothAt + 1000);
    expect(ended.turns[0]?.spokenMs).toBe(0);
  });

  it('conversations stored before the reveal existed start the floor at once, as they did', () => {
    const state = checkedIn(0);
    expect(revealEndsAt(state, T0 + 20_000)).toBeNull();
    expect(state.floor?.turnEndsAt).toBe(T0 + 20_000 + MINUTE);
  });
});
