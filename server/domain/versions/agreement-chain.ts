/**
 * The stored hash chain of one agreement: versions and signatures as chain records, and the lock
 * that serialises writers so two records can never claim the same place in the chain.
 */
import { eq, sql } from 'drizzle-orm';
import { agreementSignatures, agreementVersions, documents } from '../../../drizzle/schema';
import { queryRows, type Executor } from '../../db/database';
import type { ChainRecord } from '../history/hash-chain';

/** Row lock on the agreement's documents row, held until the caller's transaction ends. */
export async function lockAgreement(tx: Executor, documentId: string): Promise<void> {
  await tx.select({ id: documents.id }).from(documents).where(eq(documents.id, documentId)).for('update');
}

export async function readChainRecords(db: Executor, documentId: string): Promise<ChainRecord[]> {
  const [versions, signatures] = await Promise.all([
    db.select().from(agreementVersions).where(eq(agreementVersions.documentId, documentId)),
    db
      .select({ signature: agreementSignatures, number: agreementVersions.number, versionHash: agreementVersions.hash })
      .from(agreementSignatures)
      .innerJoin(agreementVersions, eq(agreementVersions.id, agreementSignatures.versionId))
      .where(eq(agreementSignatures.documentId, documentId)),
  ]);
  const records: ChainRecord[] = [
    ...versions.map(
      (v): ChainRecord => ({
        kind: 'version',
        position: v.chainPosition,
        agreementId: v.documentId,
        number: v.number,
        content: v.content,
        note: v.note,
        signerId: v.proposedBy,
        at: v.proposedAt,
        previousHash: v.previousHash,
        hash: v.hash,
      }),
    ),
    ...signatures.map(
      ({ signature: s, number, versionHash }): ChainRecord => ({
        kind: 'signature',
        position: s.chainPosition,
        agreementId: s.documentId,
        number,
        versionHash,
        signerId: s.signerId,
        at: s.signedAt,
        previousHash: s.previousHash,
        hash: s.hash,
      }),
    ),
  ];
  return records.sort((a, b) => a.position - b.position);
}

/** The last record's place and hash, read under the lock. */
export async function readChainHead(tx: Executor, documentId: string): Promise<{ position: number; hash: string } | null> {
  const [head] = await queryRows<{ position: number | string; hash: string }>(tx, sql`
    select chain_position as position, hash from (
      select chain_position, hash from agreement_versions where document_id = ${documentId}
      union all
      select chain_position, hash from agreement_signatures where document_id = ${documentId}
    ) chain order by chain_position desc limit 1`);
  return head ? { position: Number(head.position), hash: head.hash } : null;
}
