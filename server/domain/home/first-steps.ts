/**
 * First-run guidance on the home page: a few gentle pointers for a new couple, each of which recedes
 * once the person (or the two of them, for shared things) has done it. Nothing here is a checklist to
 * complete or a score: a step simply stops being shown.
 *
 * Only facts the viewer may know go in: whether the space has an agreement or a conversation (both
 * shared from the start), and whether the viewer wrote a journal entry or a note of their own. The
 * partner's journal and drafts are never counted: a step receding because of them would tell the
 * viewer something private.
 */

export type FirstStep = 'create-space' | 'invite-partner' | 'first-agreement' | 'journal' | 'notes' | 'talk';

export interface FirstStepFacts {
  /** 'none': no open space; 'waiting': an open space without a partner yet; 'together': both are in it. */
  space: 'none' | 'waiting' | 'together';
  spaceHasAgreement: boolean;
  spaceHasConversation: boolean;
  viewerHasJournalEntry: boolean;
  viewerHasNote: boolean;
}

/** The steps still worth showing, in the order a new couple meets them. */
export function decideFirstSteps(facts: FirstStepFacts): FirstStep[] {
  const steps: FirstStep[] = [];
  if (facts.space === 'none') steps.push('create-space');
  if (facts.space === 'waiting') steps.push('invite-partner');
  // Agreements, notes and conversations are made in a space; the journal works without one.
  if (facts.space !== 'none' && !facts.spaceHasAgreement) steps.push('first-agreement');
  if (!facts.viewerHasJournalEntry) steps.push('journal');
  if (facts.space !== 'none' && !facts.viewerHasNote) steps.push('notes');
  if (facts.space === 'together' && !facts.spaceHasConversation) steps.push('talk');
  return steps;
}
