import { describe, expect, it } from 'vitest';
import { chainNext, GENESIS_HASH, verifyChain, type ChainRecord, type SignatureRecord, type VersionRecord } from '../../../server/domain/history/hash-chain';

function buildChain(): ChainRecord[] {
  const records: ChainRecord[] = [];
  const last = () => records[records.length - 1] ?? null;
  const v1 = chainNext<Omit<VersionRecord, 'hash'>>(last(), {
    kind: 'version', agreementId: 'a1', number: 1, content: '# Phones\n\nWe share passwords.\n', note: 'first draft', signerId: 'alex', at: new Date('2026-01-01T10:00:00Z'),
  });
  records.push(v1);
  for (const [signerId, minute] of [['sam', 5], ['alex', 9]] as const) {
    records.push(
      chainNext<Omit<SignatureRecord, 'hash'>>(last(), { kind: 'signature', agreementId: 'a1', number: 1, versionHash: v1.hash, signerId, at: new Date(`2026-01-01T10:0${minute}:00Z`) }),
    );
  }
  return records;
}

describe('hash chain over versions and signatures', () => {
  it('links each record to the one before and verifies', () => {
    const chain = buildChain();
    expect(chain.map((r) => r.position)).toEqual([1, 2, 3]);
    expect(chain[0]?.previousHash).toBe(GENESIS_HASH);
    expect(chain[1]?.previousHash).toBe(chain[0]?.hash);
    expect(chain.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    expect(verifyChain(chain)).toEqual({ ok: true, records: 3 });
    expect(verifyChain([...chain].reverse())).toEqual({ ok: true, records: 3 });
    expect(verifyChain([])).toEqual({ ok: true, records: 0 });
  });

  it('finds a tampered version text, signer, time or a deleted record, and names the first broken link', () => {
    const content = buildChain();
    content[0] = { ...(content[0] as VersionRecord), content: '# Phones\n\nWe never share passwords.\n' };
    expect(verifyChain(content)).toMatchObject({ ok: false, firstBroken: { position: 1, kind: 'version', number: 1, problem: 'hash-mismatch' } });

    const signer = buildChain();
    signer[2] = { ...(signer[2] as SignatureRecord), signerId: 'mallory' };
    expect(verifyChain(signer)).toMatchObject({ ok: false, firstBroken: { position: 3, kind: 'signature', problem: 'hash-mismatch' } });

    const time = buildChain();
    time[1] = { ...(time[1] as SignatureRecord), at: new Date('2026-01-02T10:00:00Z') };
    expect(verifyChain(time)).toMatchObject({ ok: false, firstBroken: { position: 2, problem: 'hash-mismatch' } });

    const missing = buildChain();
    missing.splice(1, 1);
    expect(verifyChain(missing)).toMatchObject({ ok: false, firstBroken: { position: 3, problem: 'missing-record' } });

    // Rehashing a tampered row does not help: the next record still points at the old hash.
    const rehashed = buildChain();
    const forged = chainNext<Omit<VersionRecord, 'hash'>>(null, { ...(rehashed[0] as VersionRecord), content: 'forged' });
    rehashed[0] = forged;
    expect(verifyChain(rehashed)).toMatchObject({ ok: false, firstBroken: { position: 2, problem: 'broken-link' } });
  });
});
