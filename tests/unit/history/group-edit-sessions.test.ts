import { describe, expect, it } from 'vitest';
import { groupEditSessions, SESSION_GAP_MS, type UpdateMeta } from '../../../server/domain/history/group-edit-sessions';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 9, 0, 0) + minutes * 60_000);

/** A log from a script of [author, minute] pairs, seqs from 1. */
const log = (script: Array<[string, number]>): UpdateMeta[] => script.map(([authorId, minute], i) => ({ seq: i + 1, authorId, createdAt: at(minute) }));

describe('grouping updates into edit sessions', () => {
  it('keeps one author typing with short pauses as one session', () => {
    const sessions = groupEditSessions([1, 2, 3, 4].map((seq) => ({ seq, authorId: 'alex', createdAt: at(seq) })));
    expect(sessions).toEqual([{ authorId: 'alex', authorIds: ['alex'], firstSeq: 1, lastSeq: 4, startedAt: at(1), endedAt: at(4), updateCount: 4, restoredFrom: null }]);
  });

  it('starts a new session when one person takes over after the other stopped, after a long gap, and for every restore', () => {
    const sessions = groupEditSessions([
      { seq: 1, authorId: 'alex', createdAt: at(0) },
      { seq: 2, authorId: 'alex', createdAt: at(4.9) },
      { seq: 3, authorId: 'sam', createdAt: at(5) },
      { seq: 4, authorId: 'sam', createdAt: at(5 + SESSION_GAP_MS / 60_000) },
      { seq: 5, authorId: 'sam', createdAt: at(11), restoredFrom: 'version 1' },
      { seq: 6, authorId: 'sam', createdAt: at(11.1) },
    ]);
    expect(sessions.map((s) => [s.authorIds, s.firstSeq, s.lastSeq, s.restoredFrom])).toEqual([
      [['alex'], 1, 2, null],
      [['sam'], 3, 3, null],
      [['sam'], 4, 4, null],
      [['sam'], 5, 5, 'version 1'],
      [['sam'], 6, 6, null],
    ]);
  });

  it('makes both partners typing at the same time one session that names both', () => {
    // Keystrokes taking turns every few seconds for two minutes.
    const script: Array<[string, number]> = Array.from({ length: 60 }, (_, i) => [i % 3 === 0 ? 'sam' : 'alex', i / 30]);
    const sessions = groupEditSessions(log(script));
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ authorId: 'sam', authorIds: ['sam', 'alex'], firstSeq: 1, lastSeq: 60, updateCount: 60, startedAt: at(0), endedAt: at(59 / 30) });
  });

  it('joins a partner’s short edit in the middle of the other’s typing into that session', () => {
    const sessions = groupEditSessions(log([['alex', 0], ['alex', 1], ['sam', 1.5], ['alex', 2], ['alex', 3], ['sam', 9], ['sam', 10]]));
    expect(sessions.map((s) => [s.authorIds, s.firstSeq, s.lastSeq])).toEqual([
      [['alex', 'sam'], 1, 5],
      [['sam'], 6, 7],
    ]);
  });

  it('keeps a whole stretch together while either of them is still typing', () => {
    // Sam types every minute for twenty minutes; Alex adds a word every four minutes meanwhile: one session.
    const script: Array<[string, number]> = Array.from({ length: 21 }, (_, i): [string, number] => [i % 4 === 0 ? 'alex' : 'sam', i]);
    const sessions = groupEditSessions(log(script));
    expect(sessions.map((s) => [s.authorIds, s.firstSeq, s.lastSeq])).toEqual([[['alex', 'sam'], 1, 21]]);
  });

  it('never lets a session span a proposal or signature, or a restore, even while both type', () => {
    const updates = [0, 1, 2, 3].map((minute, i) => ({ seq: i + 1, authorId: 'alex', createdAt: at(minute) }));
    expect(groupEditSessions(updates, { breaks: [at(1.5)] }).map((s) => [s.firstSeq, s.lastSeq])).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const together = log([
      ['alex', 0], ['sam', 0.1], ['alex', 0.15], ['sam', 0.2],
      ['alex', 0.25],
      ['alex', 0.3], ['sam', 0.35], ['alex', 0.4],
      ['sam', 0.45], ['alex', 0.5], ['sam', 0.55],
    ]);
    together[4]!.restoredFrom = 'version 2';
    expect(groupEditSessions(together, { breaks: [at(0.42)] }).map((s) => [s.authorIds, s.firstSeq, s.lastSeq, s.restoredFrom])).toEqual([
      [['alex', 'sam'], 1, 4, null],
      [['alex'], 5, 5, 'version 2'],
      [['alex', 'sam'], 6, 8, null],
      [['sam', 'alex'], 9, 11, null],
    ]);
  });

  it('covers every update exactly once, in contiguous stretches, whatever the interleaving', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 50; round++) {
      let minute = 0;
      const script: Array<[string, number]> = Array.from({ length: 200 }, () => {
        minute += random() < 0.05 ? 6 : random() * 0.5;
        return [random() < 0.5 ? 'alex' : 'sam', minute];
      });
      const sessions = groupEditSessions(log(script));
      let next = 1;
      for (const session of sessions) {
        expect(session.firstSeq).toBe(next);
        expect(session.updateCount).toBe(session.lastSeq - session.firstSeq + 1);
        next = session.lastSeq + 1;
      }
      expect(next).toBe(201);
    }
  });

  it('returns nothing for an empty log', () => {
    expect(groupEditSessions([])).toEqual([]);
  });
});
