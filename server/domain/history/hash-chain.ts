/**
 * The tamper-evident chain over an agreement's versions and signatures. Each record's hash covers
 * its own content and the previous record's hash, so changing, removing or reordering any stored
 * row breaks every link after it; verification names the first one.
 *
 * The hashed text is a fixed-order JSON array, not JSON.stringify of an object, so the hash does not
 * depend on property order or on which code path built the record.
 */
import { createHash } from 'node:crypto';

/** The previous hash of an agreement's first record. */
export const GENESIS_HASH = '0'.repeat(64);

export interface VersionRecord {
  kind: 'version';
  position: number;
  agreementId: string;
  number: number;
  /** The canonical text of the version. */
  content: string;
  note: string | null;
  /** The proposer: the first person to put their name to it. */
  signerId: string;
  at: Date;
  previousHash: string;
  hash: string;
}

export interface SignatureRecord {
  kind: 'signature';
  position: number;
  agreementId: string;
  number: number;
  /** The hash of the signed version record, so a signature is bound to exactly that text. */
  versionHash: string;
  signerId: string;
  at: Date;
  previousHash: string;
  hash: string;
}

export type ChainRecord = VersionRecord | SignatureRecord;
export type UnhashedRecord = Omit<VersionRecord, 'hash'> | Omit<SignatureRecord, 'hash'>;

export function hashRecord(record: UnhashedRecord): string {
  const fields =
    record.kind === 'version'
      ? ['mend-version-v1', record.agreementId, record.position, record.number, record.content, record.note ?? '', record.signerId, record.at.toISOString(), record.previousHash]
      : ['mend-signature-v1', record.agreementId, record.position, record.number, record.versionHash, record.signerId, record.at.toISOString(), record.previousHash];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

/** Builds the next record of a chain whose last record is `last` (or none). */
export function chainNext<T extends UnhashedRecord>(last: Pick<ChainRecord, 'hash' | 'position'> | null, record: Omit<T, 'position' | 'previousHash'>): T & { hash: string } {
  const linked = { ...record, position: (last?.position ?? 0) + 1, previousHash: last?.hash ?? GENESIS_HASH } as T;
  return { ...linked, hash: hashRecord(linked) };
}

export type ChainProblem = 'hash-mismatch' | 'broken-link' | 'missing-record' | 'signature-mismatch';

export type ChainVerification =
  | { ok: true; records: number }
  | { ok: false; records: number; firstBroken: { position: number; kind: ChainRecord['kind']; number: number; problem: ChainProblem } };

/**
 * Recomputes every hash and link. `records` in any order; they are checked by position, which must
 * run 1..n without gaps (a deleted row is a missing record).
 */
export function verifyChain(records: readonly ChainRecord[]): ChainVerification {
  const ordered = [...records].sort((a, b) => a.position - b.position);
  const versionHashes = new Map<number, string>();
  let previousHash = GENESIS_HASH;
  for (const [i, record] of ordered.entries()) {
    const fail = (problem: ChainProblem): ChainVerification => ({
      ok: false,
      records: ordered.length,
      firstBroken: { position: record.position, kind: record.kind, number: record.number, problem },
    });
    if (record.position !== i + 1) return fail('missing-record');
    if (record.previousHash !== previousHash) return fail('broken-link');
    if (hashRecord(record) !== record.hash) return fail('hash-mismatch');
    if (record.kind === 'version') versionHashes.set(record.number, record.hash);
    else if (versionHashes.get(record.number) !== record.versionHash) return fail('signature-mismatch');
    previousHash = record.hash;
  }
  return { ok: true, records: ordered.length };
}
