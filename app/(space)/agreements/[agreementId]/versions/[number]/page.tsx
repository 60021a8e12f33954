import type { Metadata } from 'next';
import Link from 'next/link';
import type { CSSProperties } from 'react';
import { describeChange } from '@/server/domain/history/diff-states';
import { agreementStatusLabels } from '@/server/domain/versions/agreement-status';
import { getVersionReview, type VersionReview } from '@/server/domain/versions/get-version-review';
import { loadOr404 } from '../../../../../_lib/load-or-404';
import { DocumentView, type PersonLook } from '../../history/document-view';
import { VersionLiveRefresh } from '../../history/live-refresh';
import { LocalTime } from '../../history/local-time';
import { SignedTogetherMoment } from '../signed-together';
import { RequestChangesForm, SignVersionForm } from '../version-forms';
import '../../history/history.css';
import '../review.css';
import '../../../agreements.css';

export const metadata: Metadata = { title: 'Review a version' };

/**
 * Review and sign on one screen: what changed since the version both last signed (or the whole
 * text), and beside it the person's answer: sign, or ask for changes. Deliberately no restore here:
 * a reviewer must not be one press away from rewriting the agreement.
 */
export default async function ReviewVersionPage({ params }: { params: Promise<{ agreementId: string; number: string }> }) {
  const { agreementId, number: numberText } = await params;
  const path = `/agreements/${encodeURIComponent(agreementId)}/versions/${encodeURIComponent(numberText)}`;
  const { found: review } = await loadOr404(path, agreementId, (db, viewer) => (/^[1-9]\d{0,6}$/.test(numberText) ? getVersionReview(db, viewer, agreementId, Number(numberText)) : Promise.resolve(null)));
  const { version, you, agreement } = review;
  const base = `/agreements/${agreement.id}`;
  const looks = new Map<string, PersonLook>([...review.people].map(([id, person]) => [id, { name: id === you.userId ? 'You' : person.name, colour: person.colour }]));
  const nameOf = (id: string) => (id === you.userId ? 'you' : (review.people.get(id)?.name ?? 'a former partner'));

  return (
    <main className="container review-page">
      <VersionLiveRefresh documentId={agreement.id} />
      <SignedTogetherMoment agreementId={agreement.id} />
      <p className="breadcrumb">
        <Link href={base}>← Back to the agreement</Link>
      </p>
      <hgroup>
        <h1>{agreement.title}</h1>
        <p className="muted">
          Version {version.number}, proposed by {nameOf(version.proposedBy)}, <LocalTime iso={version.proposedAt.toISOString()} />
        </p>
      </hgroup>
      <p className="review-status" data-testid="review-status">
        <StateChip review={review} /> <StateLine review={review} nameOf={nameOf} />
      </p>
      {version.note ? (
        <figure className="proposal-note">
          <blockquote>{version.note}</blockquote>
          <figcaption>{version.proposedBy === you.userId ? 'Your note' : `${nameOf(version.proposedBy)}’s note`} with the proposal</figcaption>
        </figure>
      ) : null}

      <div className="review-layout">
        <section className="review-text" aria-labelledby="review-text-heading">
          <h2 id="review-text-heading">
            {review.base ? (
              <>
                What changed since version {review.base.number}, which you both signed <LocalTime iso={review.base.since.toISOString()} format="date" />
              </>
            ) : (
              <>The whole text of version {version.number}</>
            )}
          </h2>
          {review.base ? <ChangeSummary review={review} looks={looks} /> : <p className="muted">{version.state === 'in-effect' || version.state === 'replaced' ? 'The first version you both signed, so here is everything it says.' : 'You have not signed a version together yet, so here is everything it says.'}</p>}
          <DocumentView
            blocks={review.changes?.blocks ?? review.text ?? []}
            people={looks}
            label={review.base ? `Version ${version.number} with the changes since version ${review.base.number} marked` : `Version ${version.number}`}
          />
        </section>

        <aside className="review-panel" aria-labelledby="review-answer-heading">
          <h2 id="review-answer-heading">{you.maySign || you.mayAskForChanges ? 'Your answer' : 'Signatures'}</h2>
          <Signatures review={review} nameOf={nameOf} />
          {version.changeRequest ? (
            <div className="changes-asked" data-testid="review-changes-asked">
              <p>
                {version.changeRequest.requestedBy === you.userId ? 'You' : nameOf(version.changeRequest.requestedBy)} asked for changes{' '}
                <LocalTime iso={version.changeRequest.createdAt.toISOString()} />:
              </p>
              <blockquote>{version.changeRequest.comment}</blockquote>
            </div>
          ) : null}
          {you.maySign ? <SignVersionForm agreementId={agreement.id} number={version.number} /> : null}
          {you.mayAskForChanges ? <RequestChangesForm agreementId={agreement.id} number={version.number} proposer={review.people.get(version.proposedBy)?.name ?? 'Your partner'} /> : null}
          <details className="review-details">
            <summary>Details</summary>
            <p className="muted">Each version and signature is sealed with a hash of its text, signer and time, chained to the record before it, so a change made outside Mend shows up.</p>
            <dl>
              <dt>Version record</dt>
              <dd className="hash">{version.hash}</dd>
              {version.signatures.map((s) => (
                <div key={s.signerId}>
                  <dt>Signature by {nameOf(s.signerId)}</dt>
                  <dd className="hash">{s.hash}</dd>
                </div>
              ))}
              <dt>Taken at</dt>
              <dd>edit {version.seq} of the agreement’s history</dd>
            </dl>
            <p className="review-links">
              <Link href={`${base}/versions#keep-heading`}>Verify the history</Link>
              <Link href={`${base}/versions/${version.number}/print`}>Print view</Link>
              <a href={`${base}/versions/export?version=${version.number}`} download>
                Markdown
              </a>
            </p>
          </details>
        </aside>
      </div>
      <p className="muted">
        <Link href={`${base}/versions`}>All versions and signatures</Link>
      </p>
    </main>
  );
}

/** This version's state in the reader's terms (the agreements list uses the same words where they apply). */
function StateChip({ review }: { review: VersionReview }) {
  const { version, you } = review;
  const [status, label] = ((): [string, string] => {
    switch (version.state) {
      case 'open':
        if (review.frozen) return ['draft', 'Not signed by both'];
        return you.hasSigned ? ['waiting-for-partner', agreementStatusLabels['waiting-for-partner']] : ['waiting-for-you', agreementStatusLabels['waiting-for-you']];
      case 'changes-requested':
        return ['changes-asked', agreementStatusLabels['changes-asked']];
      case 'in-effect':
        return ['in-effect', agreementStatusLabels['in-effect']];
      case 'stale':
        return ['changed-since-signed', 'Out of date'];
      case 'superseded':
        return ['draft', 'Replaced by a newer proposal'];
      case 'replaced':
        return ['draft', 'Signed, later replaced'];
    }
  })();
  return <span className={`status-chip status-${status}`}>{label}</span>;
}

function StateLine({ review, nameOf }: { review: VersionReview; nameOf: (id: string) => string }) {
  const { version, you } = review;
  if (review.frozen === 'closed') return <>This space has closed, so nothing more can be signed here.</>;
  if (review.frozen === 'archived') return <>This agreement is archived, so nothing can be signed until it is brought back.</>;
  switch (version.state) {
    case 'open':
      if (you.hasSigned) return <>You signed version {version.number}. It takes effect when your partner signs too.</>;
      if (you.isProposer) return <>You proposed this version. Sign it too when you are ready: it takes effect once you have both signed.</>;
      return <>Read it through, then sign it or ask for changes. There is no hurry.</>;
    case 'stale':
      return <>The agreement changed after version {version.number} was proposed, so it can no longer be signed. Either of you can propose the current text.</>;
    case 'changes-requested':
      return <>Changes were asked for on version {version.number}. Change the text together, then propose it again.</>;
    case 'superseded':
      return (
        <>
          Version {version.number} was replaced by a newer proposal. <Link href={`/agreements/${review.agreement.id}/versions/${review.latestNumber}`}>See version {review.latestNumber}</Link>
        </>
      );
    case 'in-effect':
      return <>Version {version.number} is in effect: you have both signed it.</>;
    case 'replaced':
      return (
        <>
          You both signed version {version.number}; a later version replaced it. Proposed by {nameOf(version.proposedBy)}.
        </>
      );
  }
}

function Signatures({ review, nameOf }: { review: VersionReview; nameOf: (id: string) => string }) {
  const { version } = review;
  const waiting = review.awaiting;
  return (
    <ul className="signature-list" data-testid="review-signatures">
      {version.signatures.map((s) => (
        <li key={s.signerId}>
          <span aria-hidden="true">✓ </span>
          Signed by {nameOf(s.signerId)}, <LocalTime iso={s.signedAt.toISOString()} />
        </li>
      ))}
      {waiting.map((id) => (
        <li key={id} className="muted">
          Not yet signed by {nameOf(id)}
        </li>
      ))}
      {version.signatures.length === 0 && waiting.length === 0 ? <li className="muted">Not signed.</li> : null}
    </ul>
  );
}

function ChangeSummary({ review, looks }: { review: VersionReview; looks: Map<string, PersonLook> }) {
  const changes = review.changes!;
  if (!changes.changed) {
    return (
      <p className="notice notice-info" data-testid="review-summary">
        The words are the same as version {review.base!.number}.
      </p>
    );
  }
  return (
    <>
      <ul className="diff-summary" data-testid="review-summary">
        {changes.summary.map((change) => {
          const look = change.authorId ? looks.get(change.authorId) : undefined;
          return (
            <li key={change.authorId ?? 'nobody'}>
              <span className="person-dot" style={{ '--author': look?.colour ?? '#4b5563' } as CSSProperties} aria-hidden="true" />
              {describeChange(look?.name ?? 'Someone', change)}.
            </li>
          );
        })}
      </ul>
      <p className="diff-legend" aria-hidden="true">
        <ins>added text</ins>
        <del>removed text</del>
        <span>each in the colour of the person who made the change</span>
      </p>
    </>
  );
}
