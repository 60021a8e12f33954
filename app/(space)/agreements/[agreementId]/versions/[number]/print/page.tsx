import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { readBlocks } from '@/server/domain/history/document-blocks';
import { readDocAt, readHistoryPeople } from '@/server/domain/history/read-history';
import { readAgreementVersions } from '@/server/domain/versions/get-agreement-versions';
import { verifyStoredChain } from '@/server/domain/versions/verify-agreement-history';
import { DocumentView } from '../../../history/document-view';
import { loadAgreementHistory } from '../../../history/load-agreement';
import { LocalTime } from '../../../history/local-time';
import { PrintButton } from './print-button';
import '../../../history/history.css';

export const metadata: Metadata = { title: 'Print an agreement version' };

export default async function PrintVersionPage({ params }: { params: Promise<{ agreementId: string; number: string }> }) {
  const { agreementId, number: numberText } = await params;
  const { db, access } = await loadAgreementHistory(agreementId, `/agreements/${agreementId}/versions/${numberText}/print`);
  if (!/^\d{1,7}$/.test(numberText)) notFound();
  const { document } = access;
  const overview = await readAgreementVersions(db, document.id);
  const version = overview.versions.find((v) => v.number === Number(numberText));
  if (!version) notFound();
  const people = await readHistoryPeople(db, document.spaceId, [version.proposedBy, ...version.signatures.map((s) => s.signerId)]);
  const nameOf = (id: string) => people.get(id)?.name ?? 'A former member';
  const doc = await readDocAt(db, document.id, version.seq);
  const blocks = readBlocks(doc);
  doc.destroy();
  const chain = await verifyStoredChain(db, document.id);

  return (
    <main className="container">
      <div className="no-print print-only-hint row">
        <Link href={`/agreements/${document.id}/versions`}>← Versions and signatures</Link>
        <PrintButton />
      </div>
      <div className="print-view">
        <div className="print-heading">
          <h1>{document.title}</h1>
          <p>
            <strong>Version {version.number}</strong> · proposed by {nameOf(version.proposedBy)} on <LocalTime iso={version.proposedAt.toISOString()} />
            {version.state === 'in-effect' ? ' · in effect' : ''}
          </p>
          {version.note ? <p className="muted">Note: “{version.note}”</p> : null}
        </div>
        <DocumentView blocks={blocks} label={`Version ${version.number}`} />
        <section className="signatures" aria-labelledby="signatures-heading">
          <h2 id="signatures-heading">Signatures</h2>
          {version.signatures.length === 0 ? <p>Not signed yet.</p> : null}
          <ul className="signature-list">
            {version.signatures.map((s) => (
              <li key={s.signerId}>
                <strong>{nameOf(s.signerId)}</strong> signed on <LocalTime iso={s.signedAt.toISOString()} />
                <br />
                <span className="hash">Signature hash: {s.hash}</span>
              </li>
            ))}
          </ul>
          <p className="hash">Version hash: {version.hash}</p>
          <p className="muted">{chain.ok ? `History verified: ${chain.message}` : chain.message}</p>
        </section>
      </div>
    </main>
  );
}
