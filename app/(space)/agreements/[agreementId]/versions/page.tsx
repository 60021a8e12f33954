import type { Metadata } from 'next';
import Link from 'next/link';
import { readHistoryPeople } from '@/server/domain/history/read-history';
import { readAgreementVersions, type VersionView } from '@/server/domain/versions/get-agreement-versions';
import type { VersionState } from '@/server/domain/versions/version-status';
import { HistoryHeader } from '../history/history-header';
import { VersionLiveRefresh } from '../history/live-refresh';
import { loadAgreementHistory } from '../history/load-agreement';
import { LocalTime } from '../history/local-time';
import { SignedTogetherMoment } from './signed-together';
import { ProposeVersionForm, RestoreForm, VerifyHistoryForm } from './version-forms';
import '../history/history.css';
import './review.css';

export const metadata: Metadata = { title: 'Versions and signatures' };

const stateLabels: Record<VersionState, string> = {
  open: 'Waiting for signatures',
  stale: 'Out of date',
  'changes-requested': 'Changes asked for',
  superseded: 'Replaced by a newer proposal',
  'in-effect': 'In effect',
  replaced: 'Signed, later replaced',
};

export default async function VersionsPage({ params }: { params: Promise<{ agreementId: string }> }) {
  const { agreementId } = await params;
  const { viewer, db, access } = await loadAgreementHistory(agreementId, `/agreements/${agreementId}/versions`);
  const { document } = access;
  const overview = await readAgreementVersions(db, document.id);
  const people = await readHistoryPeople(
    db,
    document.spaceId,
    overview.versions.flatMap((v) => [v.proposedBy, ...v.signatures.map((s) => s.signerId), v.changeRequest?.requestedBy ?? null]),
  );
  const nameOf = (id: string) => (id === viewer.userId ? 'you' : (people.get(id)?.name ?? 'a former member'));
  const NameOf = (id: string) => {
    const name = nameOf(id);
    return name.charAt(0).toUpperCase() + name.slice(1);
  };
  const editable = access.mode === 'edit';
  const inEffect = overview.versions.find((v) => v.state === 'in-effect');
  const proposal = overview.proposal;
  const asked = overview.versions[0]?.state === 'changes-requested' ? overview.versions[0] : null;
  const lastNumber = overview.versions[0]?.number ?? 0;
  const base = `/agreements/${document.id}`;
  const signers = (version: VersionView) => version.signatures.map((s) => nameOf(s.signerId));

  return (
    <main className="container versions-page">
      <VersionLiveRefresh documentId={document.id} />
      <HistoryHeader
        agreementId={document.id}
        title={document.title}
        current="versions"
        subtitle={inEffect ? 'The versions you proposed, and the one you both signed.' : 'When you are both happy with the text, one of you proposes it and you both sign.'}
      />
      <SignedTogetherMoment agreementId={document.id} />

      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">Where things stand</h2>
        {inEffect && overview.inEffect ? (
          <p data-testid="in-effect">
            <span className="state-badge state-in-effect">In effect</span> Version {inEffect.number}, since <LocalTime iso={overview.inEffect.since.toISOString()} />, signed by{' '}
            {signers(inEffect).join(' and ')}.
          </p>
        ) : (
          <p className="muted">No version is in effect yet. When you are both happy with the text, one of you proposes it and you both sign.</p>
        )}
        {overview.changedSinceSigned && overview.inEffect ? (
          <div className="version-banner" role="status">
            <span>
              The agreement has changed since you both signed on <LocalTime iso={overview.inEffect.since.toISOString()} format="date" />.
            </span>
            <Link href={`${base}/history/compare?from=${overview.inEffect.seq}`}>See what changed</Link>
          </div>
        ) : null}
      </section>

      {asked?.changeRequest ? (
        <section className="card changes-asked" aria-labelledby="asked-heading" data-testid="changes-asked">
          <h2 id="asked-heading">
            {asked.changeRequest.requestedBy === viewer.userId ? 'You' : NameOf(asked.changeRequest.requestedBy)} asked for changes to version {asked.number}
          </h2>
          <blockquote>{asked.changeRequest.comment}</blockquote>
          <p className="muted">
            <LocalTime iso={asked.changeRequest.createdAt.toISOString()} />. {editable ? 'Change the text together in the agreement, then propose it again below.' : null}
          </p>
        </section>
      ) : null}

      {proposal ? (
        <section className="card" aria-labelledby="proposal-heading" data-testid="proposal">
          <h2 id="proposal-heading">
            Version {proposal.number}, proposed by {nameOf(proposal.proposedBy)}
          </h2>
          <p className="muted">
            Proposed <LocalTime iso={proposal.proposedAt.toISOString()} />.
            {proposal.signatures.length ? ` Signed so far by ${signers(proposal).join(' and ')}.` : ' Not signed yet.'}
          </p>
          {proposal.note ? <blockquote>{proposal.note}</blockquote> : null}
          {proposal.state === 'stale' ? (
            <p className="notice notice-info" role="status">
              The agreement changed after this version was proposed, so it can no longer be signed. When you are ready, propose the current text again.
            </p>
          ) : proposal.signatures.some((s) => s.signerId === viewer.userId) ? (
            <p className="notice notice-ok" role="status">
              You have signed version {proposal.number}. It takes effect when your partner signs too.
            </p>
          ) : proposal.proposedBy === viewer.userId && editable ? (
            <p className="notice notice-ok" role="status">
              You proposed version {proposal.number}. Your partner has been told. Sign it too when you are ready.
            </p>
          ) : null}
          <p>
            {editable && proposal.state === 'open' && !proposal.signatures.some((s) => s.signerId === viewer.userId) ? (
              <Link role="button" href={`${base}/versions/${proposal.number}`} data-testid="review-and-sign">
                Review and sign version {proposal.number}
              </Link>
            ) : (
              <Link href={`${base}/versions/${proposal.number}`}>{inEffect ? `See what changed since version ${inEffect.number}` : 'See the proposed text'}</Link>
            )}
          </p>
        </section>
      ) : null}

      {editable && inEffect && !overview.changedSinceSigned && !proposal ? (
        <p className="muted" data-testid="nothing-to-propose">
          The agreement says exactly what version {inEffect.number} says. When either of you changes it, you can propose the new text here.
        </p>
      ) : null}

      {editable && (!proposal || proposal.state === 'stale') && !(inEffect && !overview.changedSinceSigned) ? (
        <section className="card" aria-labelledby="propose-heading">
          <h2 id="propose-heading">Propose a version</h2>
          <p className="muted">This asks your partner to review the current text and sign it. You sign it too.</p>
          <ProposeVersionForm agreementId={document.id} nextNumber={lastNumber + 1} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">All versions</h2>
        {overview.versions.length === 0 ? (
          <p className="muted">No versions yet.</p>
        ) : (
          <ul className="version-list" data-testid="versions">
            {overview.versions.map((version) => (
              <li key={version.number}>
                <h3>
                  Version {version.number} <span className={`state-badge state-${version.state}`}>{stateLabels[version.state]}</span>
                </h3>
                <p className="muted" style={{ margin: 0 }}>
                  Proposed by {nameOf(version.proposedBy)}, <LocalTime iso={version.proposedAt.toISOString()} />
                </p>
                {version.note ? <p style={{ margin: '0.25rem 0' }}>“{version.note}”</p> : null}
                <ul className="signature-list">
                  {version.signatures.map((s) => (
                    <li key={s.signerId}>
                      Signed by {nameOf(s.signerId)}, <LocalTime iso={s.signedAt.toISOString()} />
                    </li>
                  ))}
                  {version.changeRequest ? (
                    <li>
                      {NameOf(version.changeRequest.requestedBy)} asked for changes: “{version.changeRequest.comment}”
                    </li>
                  ) : null}
                </ul>
                <div className="version-actions">
                  <Link href={`${base}/versions/${version.number}`}>{version.state === 'open' ? 'Review' : 'Open'}</Link>
                  <Link href={`${base}/history/compare?from=${version.seq}`}>Compare with now</Link>
                  <Link href={`${base}/versions/${version.number}/print`}>Print view</Link>
                  <a href={`${base}/versions/export?version=${version.number}`} download>
                    Markdown
                  </a>
                  {editable && version.content !== overview.currentContent ? <RestoreForm agreementId={document.id} number={version.number} label={`version ${version.number}`} /> : null}
                </div>
                <details className="version-details">
                  <summary>Details</summary>
                  <p className="hash" title="SHA-256 of this version record, chained to the record before it">
                    Version record: {version.hash}
                  </p>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="keep-heading">
        <h2 id="keep-heading">Check and keep</h2>
        <p className="muted">
          Each version and signature is sealed with a hash of its text, signer and time, chained to the one before. Verifying recomputes the chain: any change made outside Mend shows up.
        </p>
        <VerifyHistoryForm agreementId={document.id} />
        <p>
          <a href={`${base}/versions/export`} download>
            Download the current text as Markdown
          </a>
        </p>
      </section>
    </main>
  );
}
