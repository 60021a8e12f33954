/**
 * One word for where an agreement stands for the person looking at it, as the agreements list and
 * the "what needs you" home show it. A pure function of the versions' states (version-status.ts),
 * so the list, the home page and the tests agree.
 */
import type { VersionState } from './version-status';

export type AgreementStatus =
  /** Someone proposed a version and this person has not signed it yet. */
  | 'waiting-for-you'
  /** This person signed the open proposal; the partner has not yet. */
  | 'waiting-for-partner'
  /** The partner asked for changes on the latest proposal (or this person did); nothing waits for a signature. */
  | 'changes-asked'
  /** Signed by both, and the text still says exactly that. */
  | 'in-effect'
  /** Signed by both once, and the text has been changed since. */
  | 'changed-since-signed'
  /** Never signed by both, and no proposal waits. */
  | 'draft';

export interface AgreementStatusFacts {
  /** Oldest first or newest first: only the latest number and the states matter. */
  versions: ReadonlyArray<{ number: number; state: VersionState; signerIds: readonly string[] }>;
  changedSinceSigned: boolean;
  /** False in a closed space or an archived agreement: nobody can sign there, so nothing waits. */
  canSign: boolean;
}

export const agreementStatusLabels: Record<AgreementStatus, string> = {
  'waiting-for-you': 'Waiting for your signature',
  'waiting-for-partner': 'Waiting for your partner',
  'changes-asked': 'Changes asked for',
  'in-effect': 'In effect',
  'changed-since-signed': 'Changed since signed',
  draft: 'Draft',
};

export function decideAgreementStatus(facts: AgreementStatusFacts, viewerId: string): AgreementStatus {
  const latest = facts.versions.reduce<AgreementStatusFacts['versions'][number] | null>((a, b) => (a && a.number > b.number ? a : b), null);
  const hasInEffect = facts.versions.some((v) => v.state === 'in-effect');
  const settled: AgreementStatus = hasInEffect ? (facts.changedSinceSigned ? 'changed-since-signed' : 'in-effect') : 'draft';
  if (!latest || !facts.canSign) return settled;
  if (latest.state === 'open') return latest.signerIds.includes(viewerId) ? 'waiting-for-partner' : 'waiting-for-you';
  if (latest.state === 'changes-requested') return 'changes-asked';
  // A stale proposal cannot be signed by anyone: the text moved on, so it is a draft again (or changed since signed).
  return settled;
}
