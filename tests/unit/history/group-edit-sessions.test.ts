import { describe, expect, it } from 'vitest';
import { groupEditSessions, SESSION_GAP_MS } from '../../../server/domain/history/group-edit-sessions';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 9, 0, 0) + minutes * 60_000);

describe('grouping updates into edit sessions', () => {
  it('keeps one author typing with short pauses as one session', () => {
    const sessions = groupEditSessions([1, 2, 3, 4].map((seq) => ({ seq, authorId: 'alex', createdAt: at(seq) })));
    expect(sessions).toEqual([{ authorId: 'alex', firstSeq: 1, lastSeq: 4, startedAt: at(1), endedAt: at(4), updateCount: 4, restoredFrom: null }]);
  });

  it('starts a new session when the author changes, after a long gap, and for every restore', () => {
    const sessions = groupEditSessions([
      { seq: 1, authorId: 'alex', createdAt: at(0) },
      { seq: 2, authorId: 'alex', createdAt: at(4.9) },
      { seq: 3, authorId: 'sam', createdAt: at(5) },
      { seq: 4, authorId: 'sam', createdAt: at(5 + SESSION_GAP_MS / 60_000) },
      { seq: 5, authorId: 'sam', createdAt: at(11), restoredFrom: 'version 1' },
      { seq: 6, authorId: 'sam', createdAt: at(11.1) },
    ]);
    expect(sessions.map((s) => [s.authorId, s.firstSeq, s.lastSeq, s.restoredFrom])).toEqual([
      ['alex', 1, 2, null],
      ['sam', 3, 3, null],
      ['sam', 4, 4, null],
      ['sam', 5, 5, 'version 1'],
      ['sam', 6, 6, null],
    ]);
  });

  it('never lets a session span a proposal or signature', () => {
    const updates = [0, 1, 2, 3].map((minute, i) => ({ seq: i + 1, authorId: 'alex', createdAt: at(minute) }));
    const sessions = groupEditSessions(updates, { breaks: [at(1.5)] });
    expect(sessions.map((s) => [s.firstSeq, s.lastSeq])).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('returns nothing for an empty log', () => {
    expect(groupEditSessions([])).toEqual([]);
  });
});
