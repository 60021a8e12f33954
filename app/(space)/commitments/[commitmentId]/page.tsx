import type { Metadata } from 'next';
import Link from 'next/link';
import { findSpaceMembership } from '@/server/access/authorization';
import type { PeriodView } from '@/server/domain/commitments/check-in-view';
import { getCommitment, type CommitmentView } from '@/server/domain/commitments/get-commitment';
import { describeClosedSpace } from '@/server/domain/spaces/describe-closed-space';
import { ClosedSpaceNotice } from '../../closed-space-notice';
import { CommitmentChart } from '../commitment-chart';
import { ChangeForm, CheckInForm, StepForm } from '../commitment-forms';
import { CommitmentsLive } from '../commitments-live';
import { CHECK_IN_WORDS, describeCadence, describePeriod, formatDay, STATUS_LABELS } from '../format';
import '../commitments.css';
import { LocalTime } from '@/app/_components/local-time';
import { loadOr404 } from '@/app/_lib/load-or-404';

export const metadata: Metadata = { title: 'Commitment' };

const STEP_WORDS: Record<CommitmentView['steps'][number]['type'], string> = {
  requested: 'asked for it',
  created: 'made it',
  accepted: 'accepted it',
  declined: 'declined it',
  paused: 'paused it',
  resumed: 'resumed it',
  changed: 'changed its words',
  completed: 'completed it',
};

export default async function CommitmentPage({ params, searchParams }: { params: Promise<{ commitmentId: string }>; searchParams: Promise<{ created?: string }> }) {
  const { commitmentId } = await params;
  // Strangers get the same 404 as for a commitment that never existed.
  const { viewer, db, found: view } = await loadOr404(`/commitments/${encodeURIComponent(commitmentId)}`, commitmentId, (db, viewer) => getCommitment(db, viewer, commitmentId));
  const membership = await findSpaceMembership(db, viewer.userId, view.spaceId);
  const closed = membership ? await describeClosedSpace(db, membership) : null;
  const created = (await searchParams).created;
  const otherName = view.mine ? view.partnerName : view.ownerName;
  const canAct = !view.readOnly;
  const lastNote = (type: CommitmentView['steps'][number]['type']) => view.steps.filter((s) => s.type === type).at(-1);

  return (
    <main className="container commitment-page">
      <CommitmentsLive viewerId={viewer.userId} commitmentId={view.id} />
      <p className="breadcrumb">
        <Link href="/commitments">← All commitments</Link>
      </p>
      {created ? (
        <p className="notice notice-ok" role="status">
          {view.status === 'requested' ? `Asked. ${view.ownerName} can accept it or decline it with a note.` : 'Made. You can both check in on it from its first day.'}
        </p>
      ) : null}
      {closed ? <ClosedSpaceNotice closed={closed} /> : null}
      <hgroup>
        <p className="muted small">{view.mine ? (view.status === 'requested' ? `${view.requestedByName ?? 'Your partner'} asks you` : 'Your commitment') : view.requestedByMe && view.status === 'requested' ? `You asked ${view.ownerName}` : `${view.ownerName}’s commitment`}</p>
        <h1 data-testid="commitment-text">{view.text}</h1>
        <p>
          <span className="commitment-badge" data-testid="commitment-status">
            {STATUS_LABELS[view.status]}
          </span>{' '}
          <span className="muted">
            {describeCadence(view.cadence)}, from {formatDay(view.startDate, { weekday: false, year: true })}
            {view.reviewDate ? <> · look back together on {formatDay(view.reviewDate, { weekday: false })}</> : ''} · days counted in {view.timeZone.replace(/_/g, ' ')} time
          </span>
        </p>
      </hgroup>

      {view.status === 'requested' && view.mine && canAct ? (
        <section className="card" aria-labelledby="answer-heading">
          <h2 id="answer-heading">{view.requestedByName ?? 'Your partner'} asked you for this</h2>
          <p className="muted">If you accept, it becomes yours, starting no earlier than today. If not, you can say why, or what you could commit to instead.</p>
          <div className="commitment-answer">
            <StepForm commitmentId={view.id} step="accept" label="Accept" noteLabel="A word with it" />
            <StepForm commitmentId={view.id} step="decline" label="Decline" noteLabel="Why, or what you could do instead" className="secondary" />
          </div>
        </section>
      ) : null}
      {view.status === 'requested' && !view.mine ? <p className="notice notice-info">Waiting for {view.ownerName}’s answer. There is no hurry.</p> : null}
      {view.status === 'declined' ? (
        <p className="notice notice-info">
          {view.mine ? 'You' : view.ownerName} declined this{lastNote('declined')?.note ? `: “${lastNote('declined')!.note}”` : '.'}
        </p>
      ) : null}
      {view.status === 'completed' && lastNote('completed') ? (
        <p className="notice notice-ok">
          Completed <LocalTime iso={lastNote('completed')!.at} format="date" />
          {lastNote('completed')!.note ? `: “${lastNote('completed')!.note}”` : '.'}
        </p>
      ) : null}
      {view.status === 'paused' ? <p className="notice notice-info">Paused{lastNote('paused')?.note ? `: “${lastNote('paused')!.note}”` : '.'} Nothing is due while it rests.</p> : null}

      {view.clause ? (
        <section className="card" aria-labelledby="clause-heading" data-testid="commitment-clause">
          <h2 id="clause-heading">The clause it keeps{view.clause.agreementTitle ? <> of “{view.clause.documentId ? <Link href={`/agreements/${view.clause.documentId}`}>{view.clause.agreementTitle}</Link> : view.clause.agreementTitle}”</> : null}</h2>
          <blockquote className="commitment-clause-text">{view.clause.textWhenLinked}</blockquote>
          {view.clause.state === 'changed' ? (
            <div className="notice notice-info" data-testid="clause-changed">
              <p>This clause changed since the commitment was linked to it. It now reads:</p>
              <blockquote className="commitment-clause-text">{view.clause.textNow}</blockquote>
            </div>
          ) : null}
          {view.clause.state === 'removed' ? (
            <p className="notice notice-info" data-testid="clause-removed">
              This clause was removed from the agreement since. Above is how it read when the commitment was linked to it.
            </p>
          ) : null}
        </section>
      ) : null}

      {view.current ? (
        <section className="card" aria-labelledby="period-heading" data-testid="this-period">
          <h2 id="period-heading">This period: {describePeriod(view.current)}</h2>
          <PeriodViews period={view.current} view={view} otherName={otherName} canAct={canAct} />
        </section>
      ) : null}

      {view.catchUp.length && canAct ? (
        <details className="card commitment-catch-up">
          <summary>Earlier periods you have not given your view of</summary>
          {view.catchUp.map((period) => (
            <div key={period.start} className="commitment-catch-up-period">
              <h3>{describePeriod(period)}</h3>
              <PeriodViews period={period} view={view} otherName={otherName} canAct={canAct} />
            </div>
          ))}
        </details>
      ) : null}

      {view.weeks.length ? (
        <section className="card" aria-labelledby="chart-heading">
          <h2 id="chart-heading">Over the weeks</h2>
          <p className="muted small">Each period, {view.mine ? 'your view and ' + view.partnerName + '’s' : view.ownerName + '’s view and yours'} side by side. A picture of what you each said, not a score.</p>
          <CommitmentChart weeks={view.weeks} viewerIsOwner={view.mine} ownerName={view.ownerName} partnerName={view.partnerName} />
          <p className="small commitment-legend" aria-hidden="true">
            <span className="commitment-shape commitment-shape--kept" /> kept <span className="commitment-shape commitment-shape--partly" /> partly <span className="commitment-shape commitment-shape--not-yet" /> not yet{' '}
            <span className="commitment-shape commitment-shape--none" /> no view shown
          </p>
        </section>
      ) : null}

      {view.mine && canAct && (view.status === 'active' || view.status === 'paused') ? (
        <section className="card" aria-labelledby="steps-heading">
          <h2 id="steps-heading">Change, rest or complete it</h2>
          <div className="commitment-owner-steps">
            {view.status === 'active' ? (
              <details>
                <summary>Pause it</summary>
                <StepForm commitmentId={view.id} step="pause" label="Pause" noteLabel="A word about why" className="secondary" />
              </details>
            ) : (
              <StepForm commitmentId={view.id} step="resume" label="Resume it" />
            )}
            <details>
              <summary>Change its words</summary>
              <ChangeForm commitmentId={view.id} text={view.text} />
            </details>
            <details>
              <summary>Complete it</summary>
              <StepForm commitmentId={view.id} step="complete" label="Complete" noteLabel="A word to close it" className="secondary" />
            </details>
          </div>
        </section>
      ) : null}

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">Its history</h2>
        {view.versions.length > 1 ? (
          <>
            <h3>Its words over time</h3>
            <ol className="commitment-versions" data-testid="commitment-versions">
              {view.versions.map((version) => (
                <li key={version.number}>
                  “{version.text}” <span className="muted small">· {version.byName}, <LocalTime iso={version.at} format="date" /></span>
                </li>
              ))}
            </ol>
          </>
        ) : null}
        <ul className="plain commitment-steps" data-testid="commitment-steps">
          {view.steps.map((step, index) => (
            <li key={index}>
              {step.mine ? 'You' : step.actorName} {STEP_WORDS[step.type]} <span className="muted small">· <LocalTime iso={step.at} format="date" /></span>
              {step.note ? <span className="commitment-step-note"> “{step.note}”</span> : null}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

/** One period: the viewer's own view (or the form to give it) and, once it may be shown, the other's. */
function PeriodViews({ period, view, otherName, canAct }: { period: PeriodView; view: CommitmentView; otherName: string; canAct: boolean }) {
  const hint = period.ended ? `This period has ended, so ${otherName} sees your view as soon as you give it.` : `${otherName} sees your view once you have both given yours, or when the period ends.`;
  return (
    <div className="commitment-two-views">
      <div className="commitment-side" data-testid="my-view">
        <h3>Your view</h3>
        {period.mine ? (
          <CheckInShown value={period.mine} />
        ) : canAct && view.status === 'active' ? (
          <CheckInForm commitmentId={view.id} periodStart={period.start} legend={view.mine ? 'Did you keep it?' : `Did ${view.ownerName} keep it, as you see it?`} hint={hint} />
        ) : (
          <p className="muted">You gave no view of this period.</p>
        )}
      </div>
      <div className="commitment-side" data-testid="their-view">
        <h3>{otherName}’s view</h3>
        {period.partners ? (
          <CheckInShown value={period.partners} />
        ) : period.partnersWaitsForMine ? (
          <p className="muted">You will see {otherName}’s view once you have both given yours, or when this period ends.</p>
        ) : period.ended ? (
          <p className="muted">{otherName} gave no view of this period.</p>
        ) : (
          <p className="muted">{otherName} has not given their view yet.</p>
        )}
      </div>
    </div>
  );
}

function CheckInShown({ value }: { value: NonNullable<PeriodView['mine']> }) {
  return (
    <p className="commitment-check-in">
      <span className={`commitment-shape commitment-shape--${value.value}`} aria-hidden="true" /> <strong>{CHECK_IN_WORDS[value.value]}</strong>
      {value.note ? <span className="commitment-check-in-note"> “{value.note}”</span> : null}
    </p>
  );
}
