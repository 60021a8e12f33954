/**
 * "Verify history": recomputes the agreement's hash chain from the stored rows and reports the
 * first broken link, in words a person can act on.
 */
import { requireAgreementHistory, type Viewer } from '../../access/authorization';
import type { Executor } from '../../db/database';
import { verifyChain, type ChainVerification } from '../history/hash-chain';
import { readChainRecords } from './agreement-chain';

export type HistoryVerification = ChainVerification & { message: string };

/** For callers that already authorized (and for tests that tamper with rows). */
export async function verifyStoredChain(db: Executor, documentId: string): Promise<HistoryVerification> {
  const result = verifyChain(await readChainRecords(db, documentId));
  if (result.ok) {
    return {
      ...result,
      message: result.records === 0 ? 'There are no versions or signatures yet, so there is nothing to verify.' : `All ${result.records} records check out: nothing has been altered.`,
    };
  }
  const { kind, number, position, problem } = result.firstBroken;
  const what = kind === 'version' ? `version ${number} itself` : `a signature on version ${number}`;
  const why =
    problem === 'hash-mismatch'
      ? 'its stored content no longer matches its hash'
      : problem === 'broken-link'
        ? 'it no longer links to the record before it'
        : problem === 'missing-record'
          ? 'a record before it is missing'
          : 'it does not match the version it claims to sign';
  return { ...result, message: `The history does not check out at record ${position} (${what}): ${why}. Something was changed outside Mend.` };
}

export async function verifyAgreementHistory(db: Executor, viewer: Viewer, documentId: string): Promise<HistoryVerification> {
  await requireAgreementHistory(db, viewer, documentId);
  return verifyStoredChain(db, documentId);
}
