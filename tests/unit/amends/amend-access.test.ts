import { describe, expect, it } from 'vitest';
import { decideAmendAccess, type AmendAction } from '../../../server/access/authorization';

const AUTHOR = 'author';
const PARTNER = 'partner';
const actions: AmendAction[] = ['view', 'edit-draft', 'offer', 'delete-draft', 'withdraw', 'receive', 'add-affected'];

function outcome(status: 'draft' | 'offered' | 'withdrawn', who: string, action: AmendAction): string {
  const decision = decideAmendAccess({ status, authorId: AUTHOR }, who, action);
  if (!decision.allowed) return decision.refusal;
  return decision.canSeeContent ? 'allow' : 'allow-without-content';
}

describe('amend access rules (members of the space; strangers are refused before)', () => {
  const expected: Record<string, Record<string, Record<AmendAction, string>>> = {
    draft: {
      author: { view: 'allow', 'edit-draft': 'allow', offer: 'allow', 'delete-draft': 'allow', withdraw: 'conflict', receive: 'forbidden', 'add-affected': 'forbidden' },
      partner: { view: 'not-found', 'edit-draft': 'not-found', offer: 'not-found', 'delete-draft': 'not-found', withdraw: 'not-found', receive: 'not-found', 'add-affected': 'not-found' },
    },
    offered: {
      author: { view: 'allow', 'edit-draft': 'conflict', offer: 'conflict', 'delete-draft': 'conflict', withdraw: 'allow', receive: 'forbidden', 'add-affected': 'forbidden' },
      partner: { view: 'allow', 'edit-draft': 'forbidden', offer: 'forbidden', 'delete-draft': 'forbidden', withdraw: 'forbidden', receive: 'allow', 'add-affected': 'allow' },
    },
    withdrawn: {
      author: { view: 'allow', 'edit-draft': 'conflict', offer: 'conflict', 'delete-draft': 'conflict', withdraw: 'conflict', receive: 'forbidden', 'add-affected': 'forbidden' },
      partner: { view: 'allow-without-content', 'edit-draft': 'forbidden', offer: 'forbidden', 'delete-draft': 'forbidden', withdraw: 'forbidden', receive: 'gone', 'add-affected': 'gone' },
    },
  };
  for (const status of ['draft', 'offered', 'withdrawn'] as const) {
    for (const who of [AUTHOR, PARTNER]) {
      it(`${status} amend, ${who}`, () => {
        const got = Object.fromEntries(actions.map((action) => [action, outcome(status, who, action)]));
        expect(got).toEqual(expected[status]![who]);
      });
    }
  }

  it('never lets the partner learn that a draft exists', () => {
    for (const action of actions) {
      expect(decideAmendAccess({ status: 'draft', authorId: AUTHOR }, PARTNER, action)).toEqual({ allowed: false, refusal: 'not-found', message: 'That amend could not be found.' });
    }
  });

  it('never shows a withdrawn amend’s words to the partner, whatever they ask', () => {
    for (const action of actions) {
      const decision = decideAmendAccess({ status: 'withdrawn', authorId: AUTHOR }, PARTNER, action);
      expect(decision.allowed ? decision.canSeeContent : false).toBe(false);
    }
  });
});
