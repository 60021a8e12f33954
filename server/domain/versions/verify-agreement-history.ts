/**
 * "Verify history": recomputes the agreement's hash chain from the stored rows and reports the
 * first broken link, in words a person can act on.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { activity } from '../../../drizzle/schema';
import { requireAgreementHistory, type Viewer } from '../../access/authorization';
import type { Executor } from '../../db/database';
import { verifyChain, type ChainRecord, type ChainVerification } from '../history/hash-chain';
import { readChainRecords } from './agreement-chain';

export type HistoryVerification = ChainVerification & { message: string };

/** For callers that already authorized (and for tests that tamper with rows). */
export async function verifyStoredChain(db: Executor, documentId: string): Promise<HistoryVerification> {
  const records = await readChainRecords(db, documentId);
  const result = verifyChain(records);
  if (result.ok) {
    const missing = await findRecordsMissingFromTheEnd(db, documentId, records);
    if (missing) {
      return {
        ok: false,
        records: result.records,
        firstBroken: { position: result.records + 1, kind: missing.kind, number: missing.number, problem: 'missing-record' },
        message: `The history does not check out: the activity list records ${missing.kind === 'version' ? `version ${missing.number} being proposed` : `a signature on version ${missing.number}`}, but that record is gone. Something was removed outside Mend.`,
      };
    }
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

/**
 * A chain cannot show that its newest records were cut off: what is left still links up. The
 * activity list, written in the same transaction as each record, is independent evidence of every
 * proposal and signature: each one it mentions must still be in the chain.
 */
async function findRecordsMissingFromTheEnd(db: Executor, documentId: string, records: ChainRecord[]): Promise<{ kind: ChainRecord['kind']; number: number } | null> {
  const logged = await db
    .select({ type: activity.type, actorId: activity.actorId, data: activity.data })
    .from(activity)
    .where(and(inArray(activity.type, ['version-proposed', 'version-signed']), eq(sql`${activity.data}->>'documentId'`, documentId)));
  for (const entry of logged) {
    const number = Number(entry.data.number);
    const kind = entry.type === 'version-proposed' ? 'version' : 'signature';
    const present = records.some((r) => r.kind === kind && r.number === number && (kind === 'version' || entry.actorId === null || r.signerId === entry.actorId));
    if (!present) return { kind, number };
  }
  return null;
}
