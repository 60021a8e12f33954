import { describe, expect, it } from 'vitest';
import { decideNoteAccess, type NoteAction } from '../../../server/access/authorization';

const AUTHOR = 'author';
const PARTNER = 'partner';
const actions: NoteAction[] = ['view', 'edit-draft', 'share', 'retract', 'acknowledge', 'reply'];

function outcome(status: 'draft' | 'shared' | 'retracted', who: string, action: NoteAction): string {
  const decision = decideNoteAccess({ status, authorId: AUTHOR }, who, action);
  if (!decision.allowed) return decision.refusal;
  return decision.canSeeContent ? 'allow' : 'allow-without-content';
}

describe('note access rules (members of the space; strangers are refused before)', () => {
  const expected: Record<string, Record<string, Record<NoteAction, string>>> = {
    draft: {
      author: { view: 'allow', 'edit-draft': 'allow', share: 'allow', retract: 'conflict', acknowledge: 'forbidden', reply: 'conflict' },
      partner: { view: 'not-found', 'edit-draft': 'not-found', share: 'not-found', retract: 'not-found', acknowledge: 'not-found', reply: 'not-found' },
    },
    shared: {
      author: { view: 'allow', 'edit-draft': 'conflict', share: 'conflict', retract: 'allow', acknowledge: 'forbidden', reply: 'allow' },
      partner: { view: 'allow', 'edit-draft': 'forbidden', share: 'forbidden', retract: 'forbidden', acknowledge: 'allow', reply: 'allow' },
    },
    retracted: {
      author: { view: 'allow', 'edit-draft': 'conflict', share: 'conflict', retract: 'conflict', acknowledge: 'forbidden', reply: 'gone' },
      partner: { view: 'allow-without-content', 'edit-draft': 'forbidden', share: 'forbidden', retract: 'forbidden', acknowledge: 'gone', reply: 'gone' },
    },
  };
  for (const status of ['draft', 'shared', 'retracted'] as const) {
    for (const who of [AUTHOR, PARTNER]) {
      it(`${status} note, ${who}`, () => {
        const got = Object.fromEntries(actions.map((action) => [action, outcome(status, who, action)]));
        expect(got).toEqual(expected[status]![who]);
      });
    }
  }

  it('never lets the partner learn that a draft exists', () => {
    for (const action of actions) {
      const decision = decideNoteAccess({ status: 'draft', authorId: AUTHOR }, PARTNER, action);
      expect(decision).toEqual({ allowed: false, refusal: 'not-found', message: 'That note could not be found.' });
    }
  });
});
