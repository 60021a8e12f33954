import { describe, expect, it } from 'vitest';
import { decideVersionStates, inEffectSince, type VersionFacts } from '../../../server/domain/versions/version-status';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));
const version = (number: number, content: string, signerIds: string[] = [], changesRequested = false): VersionFacts => ({
  number,
  content,
  signerIds,
  signedAt: signerIds.map((_, i) => at(number * 10 + i)),
  changesRequested,
});

describe('where each version stands', () => {
  it('puts the latest version signed by two people in effect, since the second signature', () => {
    const versions = [version(1, 'a', ['alex', 'sam']), version(2, 'b', ['sam', 'alex']), version(3, 'c', ['alex'])];
    const states = decideVersionStates(versions, 'c');
    expect([...states]).toEqual([
      [1, 'replaced'],
      [2, 'in-effect'],
      [3, 'open'],
    ]);
    expect(inEffectSince(versions[1]!)).toEqual(at(21));
  });

  it('marks a waiting proposal stale when the text has changed, and older unsigned ones superseded', () => {
    const versions = [version(1, 'a', ['alex']), version(2, 'b', ['sam'])];
    expect([...decideVersionStates(versions, 'b, edited')]).toEqual([
      [1, 'superseded'],
      [2, 'stale'],
    ]);
    // The same person signing twice is still one signature.
    expect(decideVersionStates([version(1, 'a', ['alex', 'alex'])], 'a').get(1)).toBe('open');
    expect(decideVersionStates([version(1, 'a', [], true)], 'a').get(1)).toBe('changes-requested');
  });
});
