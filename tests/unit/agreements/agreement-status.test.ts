import { describe, expect, it } from 'vitest';
import { decideAgreementStatus, type AgreementStatusFacts } from '../../../server/domain/versions/agreement-status';
import type { VersionState } from '../../../server/domain/versions/version-status';

const v = (number: number, state: VersionState, signerIds: string[] = []) => ({ number, state, signerIds });
const facts = (versions: AgreementStatusFacts['versions'], extra: Partial<AgreementStatusFacts> = {}): AgreementStatusFacts => ({
  versions,
  changedSinceSigned: false,
  canSign: true,
  ...extra,
});

describe('where an agreement stands for the person looking', () => {
  it('is a draft before anything was proposed', () => {
    expect(decideAgreementStatus(facts([]), 'alex')).toBe('draft');
  });

  it('waits for whoever has not signed an open proposal, the proposer included', () => {
    const open = facts([v(1, 'open', ['sam'])]);
    expect(decideAgreementStatus(open, 'alex')).toBe('waiting-for-you');
    expect(decideAgreementStatus(open, 'sam')).toBe('waiting-for-partner');
    expect(decideAgreementStatus(facts([v(1, 'open')]), 'sam')).toBe('waiting-for-you');
  });

  it('says a version is in effect, or that the text changed since both signed', () => {
    expect(decideAgreementStatus(facts([v(1, 'in-effect', ['alex', 'sam'])]), 'alex')).toBe('in-effect');
    expect(decideAgreementStatus(facts([v(1, 'in-effect', ['alex', 'sam'])], { changedSinceSigned: true }), 'sam')).toBe('changed-since-signed');
  });

  it('puts a proposal waiting on a signed agreement first: that is what needs the person', () => {
    const versions = [v(2, 'open', ['alex']), v(1, 'in-effect', ['alex', 'sam'])];
    expect(decideAgreementStatus(facts(versions, { changedSinceSigned: true }), 'sam')).toBe('waiting-for-you');
    expect(decideAgreementStatus(facts(versions, { changedSinceSigned: true }), 'alex')).toBe('waiting-for-partner');
  });

  it('shows changes asked for to both until a new proposal, whatever came before', () => {
    expect(decideAgreementStatus(facts([v(1, 'changes-requested')]), 'alex')).toBe('changes-asked');
    expect(decideAgreementStatus(facts([v(1, 'replaced', ['a', 'b']), v(2, 'in-effect', ['a', 'b']), v(3, 'changes-requested', ['a'])], { changedSinceSigned: true }), 'b')).toBe('changes-asked');
    expect(decideAgreementStatus(facts([v(1, 'changes-requested'), v(2, 'open')]), 'alex')).toBe('waiting-for-you');
  });

  it('treats a stale proposal as nothing to sign: a draft again, or changed since signed', () => {
    expect(decideAgreementStatus(facts([v(1, 'stale', ['alex'])]), 'alex')).toBe('draft');
    expect(decideAgreementStatus(facts([v(1, 'in-effect', ['a', 'b']), v(2, 'stale')], { changedSinceSigned: true }), 'a')).toBe('changed-since-signed');
  });

  it('asks nobody to sign where nobody can (a closed space, an archived agreement)', () => {
    expect(decideAgreementStatus(facts([v(1, 'open')], { canSign: false }), 'alex')).toBe('draft');
    expect(decideAgreementStatus(facts([v(1, 'in-effect', ['a', 'b']), v(2, 'open', ['a'])], { canSign: false }), 'b')).toBe('in-effect');
    expect(decideAgreementStatus(facts([v(1, 'changes-requested')], { canSign: false }), 'b')).toBe('draft');
  });

  it('reads the versions in any order', () => {
    const newestFirst = [v(3, 'open'), v(2, 'changes-requested'), v(1, 'in-effect', ['a', 'b'])];
    expect(decideAgreementStatus(facts(newestFirst), 'a')).toBe('waiting-for-you');
    expect(decideAgreementStatus(facts([...newestFirst].reverse()), 'a')).toBe('waiting-for-you');
  });
});
