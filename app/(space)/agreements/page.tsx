import type { Metadata } from 'next';
import Link from 'next/link';
import { findReadableSpace } from '@/server/access/authorization';
import { describeClosedSpace } from '@/server/domain/spaces/describe-closed-space';
import { getDb } from '@/server/db/process-database';
import { listAgreements, type AgreementSummary } from '@/server/domain/agreements/list-agreements';
import { listAgreementStatuses, type AgreementStanding } from '@/server/domain/agreements/list-agreement-statuses';
import { agreementTemplates } from '@/server/domain/agreements/templates';
import { agreementStatusLabels } from '@/server/domain/versions/agreement-status';
import { requireSignedIn } from '../../_lib/viewer';
import { ArchiveAgreementButton, CreateAgreementForm } from './agreement-forms';
import { AgreementLiveRefresh } from './agreement-live-refresh';
import './agreements.css';
import { NoSpaceYet } from '../no-space-yet';
import { ClosedSpaceNotice } from '../closed-space-notice';

export const metadata: Metadata = { title: 'Agreements' };

export default async function AgreementsPage() {
  const viewer = await requireSignedIn('/agreements');
  const db = getDb();
  const membership = await findReadableSpace(db, viewer.userId);
  if (!membership) return <NoSpaceYet title="Agreements" lead="Agreements live in the space you share with your partner." />;
  const [agreements, standings] = await Promise.all([listAgreements(db, viewer, membership.spaceId), listAgreementStatuses(db, viewer, membership.spaceId)]);
  const closed = await describeClosedSpace(db, membership);
  const active = agreements.filter((a) => !a.archivedAt);
  const archived = agreements.filter((a) => a.archivedAt);
  return (
    <main className="container">
      <AgreementLiveRefresh />
      <hgroup>
        <h1>Agreements</h1>
        <p>The boundaries you shape together. Both of you can write in an agreement at the same time, and see each other there.</p>
      </hgroup>
      {closed ? <ClosedSpaceNotice closed={closed} /> : null}
      <section className="card" aria-labelledby="agreements-heading">
        <h2 id="agreements-heading">Your agreements</h2>
        {active.length === 0 ? (
          <p className="muted">
            {closed
              ? 'No agreements were written in this space.'
              : 'No agreements yet. Start with one area that matters to you both right now, below: a template gives you a gentle first draft to change together, and nothing is binding until you have both signed it.'}
          </p>
        ) : (
          <ul className="plain agreement-list" data-testid="agreement-list">
            {active.map((agreement) => (
              <AgreementItem key={agreement.id} agreement={agreement} standing={standings.get(agreement.id)} />
            ))}
          </ul>
        )}
        {archived.length > 0 ? (
          <details className="archived-agreements">
            <summary>Archived ({archived.length})</summary>
            <ul className="plain agreement-list" data-testid="archived-list">
              {archived.map((agreement) => (
                <li key={agreement.id} className="agreement-item">
                  <div>
                    <Link href={`/agreements/${agreement.id}`}>{agreement.title}</Link>
                    <small className="muted">Archived {formatDate(agreement.archivedAt!)}</small>
                  </div>
                  {closed ? null : <ArchiveAgreementButton agreementId={agreement.id} archived compact />}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
      {closed ? null : (
        <section className="card" aria-labelledby="start-heading">
          <h2 id="start-heading">Start an agreement</h2>
          <CreateAgreementForm spaceId={membership.spaceId} templates={agreementTemplates.map(({ id, title, summary }) => ({ id, title, summary }))} />
        </section>
      )}
    </main>
  );
}

function AgreementItem({ agreement, standing }: { agreement: AgreementSummary; standing?: AgreementStanding }) {
  const status = standing?.status ?? 'draft';
  const review = status === 'waiting-for-you' && standing?.versionNumber ? `/agreements/${agreement.id}/versions/${standing.versionNumber}` : null;
  return (
    <li className="agreement-item" data-testid="agreement-item">
      <div>
        <span className="agreement-title">
          <Link href={`/agreements/${agreement.id}`}>{agreement.title}</Link>
          <span className={`status-chip status-${status}`} data-testid="agreement-status">
            {agreementStatusLabels[status]}
          </span>
        </span>
        <small className="muted">
          Changed {formatDate(agreement.changedAt)}
          {agreement.createdByName ? ` · started by ${agreement.createdByName}` : ''}
        </small>
      </div>
      {review ? (
        <Link href={review} className="review-link" aria-label={`Review and sign “${agreement.title}”`}>
          Review and sign
        </Link>
      ) : null}
    </li>
  );
}

function formatDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}
