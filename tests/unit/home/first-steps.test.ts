import { describe, expect, it } from 'vitest';
import { decideFirstSteps, type FirstStepFacts } from '../../../server/domain/home/first-steps';

const fresh: FirstStepFacts = { space: 'together', spaceHasAgreement: false, spaceHasConversation: false, viewerHasJournalEntry: false, viewerHasNote: false };

describe('first steps on the home page', () => {
  it('points a new couple at one agreement, the journal, notes and talking, in that order', () => {
    expect(decideFirstSteps(fresh)).toEqual(['first-agreement', 'journal', 'notes', 'talk']);
  });

  it('lets each step recede once it is done, until none is left', () => {
    expect(decideFirstSteps({ ...fresh, spaceHasAgreement: true, viewerHasNote: true })).toEqual(['journal', 'talk']);
    expect(decideFirstSteps({ ...fresh, spaceHasAgreement: true, spaceHasConversation: true, viewerHasJournalEntry: true, viewerHasNote: true })).toEqual([]);
  });

  it('without a space offers creating one and the journal, which needs no space', () => {
    expect(decideFirstSteps({ ...fresh, space: 'none' })).toEqual(['create-space', 'journal']);
    expect(decideFirstSteps({ ...fresh, space: 'none', viewerHasJournalEntry: true })).toEqual(['create-space']);
  });

  it('while waiting for the partner, talking is not offered yet', () => {
    expect(decideFirstSteps({ ...fresh, space: 'waiting' })).toEqual(['invite-partner', 'first-agreement', 'journal', 'notes']);
  });
});
