import type { Metadata } from 'next';
import Link from 'next/link';
import { findSpaceMembership } from '@/server/access/authorization';
import { getAmend, type AmendView } from '@/server/domain/amends/get-amend';
import { describeClosedSpace } from '@/server/domain/spaces/describe-closed-space';
import { ClosedSpaceNotice } from '../../closed-space-notice';
import { describeCadence } from '../../commitments/format';
import { AmendDraftForm, DeleteAmendDraftForm, HowItAffectedMeForm, ReceiveAmendForm, WithdrawAmendForm } from '../amend-forms';
import { AmendsLive } from '../amends-live';
import { listCommitmentChoices } from '../commitment-choices';
import '../amends.css';
import { LocalTime } from '@/app/_components/local-time';
import { loadOr404 } from '@/app/_lib/load-or-404';

export const metadata: Metadata = { title: 'Amend' };

type FullAmend = Extract<AmendView, { visibility: 'full' }>;

export default async function AmendPage({ params, searchParams }: { params: Promise<{ amendId: string }>; searchParams: Promise<{ created?: string }> }) {
  const { amendId } = await params;
  // Strangers and the partner asking for a draft get the same 404 as for an amend that never existed.
  const { viewer, db, found: amend } = await loadOr404(`/amends/${encodeURIComponent(amendId)}`, amendId, (db, viewer) => getAmend(db, viewer, amendId));
  const back = (
    <p className="breadcrumb">
      <Link href="/amends">← All amends</Link>
    </p>
  );

  if (amend.visibility === 'withdrawn') {
    return (
      <main className="container narrow">
        <AmendsLive viewerId={viewer.userId} amendId={amend.id} />
        {back}
        <h1>An amend was withdrawn</h1>
        <p data-testid="withdrawn-message">
          {amend.authorName} withdrew this amend{amend.withdrawnAt ? <> on <LocalTime iso={amend.withdrawnAt} format="date" /></> : ''}. Its words are no longer shared with you.
        </p>
        {amend.yourWords.receivedWords || amend.yourWords.affected ? (
          <section className="amend-section" aria-labelledby="your-words-heading">
            <h2 id="your-words-heading">What you wrote</h2>
            {amend.yourWords.receivedWords ? <p className="amend-words">{amend.yourWords.receivedWords}</p> : null}
            {amend.yourWords.affected ? <p className="amend-words">{amend.yourWords.affected}</p> : null}
          </section>
        ) : null}
      </main>
    );
  }

  const membership = await findSpaceMembership(db, viewer.userId, amend.spaceId);
  const closed = membership ? await describeClosedSpace(db, membership) : null;
  const partnerName = amend.mine && closed && amend.partnerName === 'Your partner' ? closed.leaverName : amend.partnerName;

  if (amend.status === 'draft') {
    const created = (await searchParams).created;
    const choices = closed ? [] : await listCommitmentChoices(db, viewer);
    return (
      <main className="container">
        <AmendsLive viewerId={viewer.userId} amendId={amend.id} />
        {back}
        {created ? (
          <p className="notice notice-ok" role="status">
            Draft saved. Only you can see it.
          </p>
        ) : null}
        {closed ? <ClosedSpaceNotice closed={closed} /> : null}
        <hgroup>
          <h1>Draft amend</h1>
          <p>
            <span className="badge badge-draft">Only you can see this draft</span>
          </p>
        </hgroup>
        {closed ? (
          <AmendWords amend={amend} partnerName={partnerName} />
        ) : (
          <>
            <AmendDraftForm partnerName={partnerName} commitments={choices} amendId={amend.id} whatIDid={amend.whatIDid} howItAffectedYou={amend.howItAffectedYou} linkedIds={amend.commitments.map((c) => c.id)} />
            <DeleteAmendDraftForm amendId={amend.id} />
          </>
        )}
      </main>
    );
  }

  const withdrawn = amend.status === 'withdrawn';
  const canAnswer = !amend.mine && !withdrawn && !closed;
  return (
    <main className="container">
      <AmendsLive viewerId={viewer.userId} amendId={amend.id} />
      {back}
      <hgroup>
        <h1>{amend.mine ? 'Your amend' : `An amend from ${amend.authorName}`}</h1>
        <p className="muted">
          {amend.offeredAt ? <>Offered <LocalTime iso={amend.offeredAt} /></> : null}
          {withdrawn && amend.withdrawnAt ? <> · withdrawn <LocalTime iso={amend.withdrawnAt} /></> : null}
        </p>
      </hgroup>
      {closed ? <ClosedSpaceNotice closed={closed} /> : null}
      {withdrawn ? (
        <p className="notice notice-info" role="status">
          You withdrew this amend. {partnerName} can no longer read it; they only see that an amend was withdrawn.
        </p>
      ) : null}
      <section className="amend-section" aria-labelledby="what-heading">
        <h2 id="what-heading">{amend.mine ? 'What I did' : `What ${amend.authorName} did`}</h2>
        <p className="amend-words" data-testid="what-i-did">
          {amend.whatIDid}
        </p>
      </section>
      <div className="amend-beside amend-section">
        <section aria-labelledby="understood-heading">
          <h3 id="understood-heading">{amend.mine ? 'How I understand it affected you' : `How ${amend.authorName} understands it affected you`}</h3>
          {amend.howItAffectedYou ? <p className="amend-words">{amend.howItAffectedYou}</p> : <p className="muted">Nothing written here.</p>}
        </section>
        <section aria-labelledby="affected-heading">
          <h3 id="affected-heading">{amend.mine ? `How it affected ${partnerName}, in their words` : 'How it affected me, in my own words'}</h3>
          {canAnswer ? (
            <HowItAffectedMeForm amendId={amend.id} current={amend.partnerAffected} />
          ) : amend.partnerAffected ? (
            <p className="amend-words" data-testid="partner-affected">
              {amend.partnerAffected}
            </p>
          ) : (
            <p className="muted">{amend.mine ? `${partnerName} has not written this. They may, whenever they want to.` : 'You did not write this.'}</p>
          )}
        </section>
      </div>
      <LinkedCommitments amend={amend} />
      <section className="amend-section" aria-labelledby="response-heading">
        <h2 id="response-heading">{amend.mine ? `${partnerName}’s response` : 'Your response'}</h2>
        {amend.received ? (
          <div className="amend-response" data-testid="amend-response">
            <strong>{amend.mine ? `${amend.received.byName} received this` : 'You received this'}</strong> · <LocalTime iso={amend.received.at} />
            {amend.received.words ? <p>{amend.received.words}</p> : null}
          </div>
        ) : amend.mine ? (
          <p className="muted" data-testid="response-waiting">
            No response yet. There is no rush, and none is owed.
          </p>
        ) : canAnswer ? (
          <ReceiveAmendForm amendId={amend.id} />
        ) : (
          <p className="muted">No response.</p>
        )}
      </section>
      {amend.mine && !withdrawn && !closed ? <WithdrawAmendForm amendId={amend.id} partnerName={partnerName} /> : null}
    </main>
  );
}

/** A draft read in a closed space: the words as they were, with nothing to change. */
function AmendWords({ amend, partnerName }: { amend: FullAmend; partnerName: string }) {
  return (
    <>
      <section className="amend-section" aria-labelledby="what-heading">
        <h2 id="what-heading">What I did</h2>
        <p className="amend-words">{amend.whatIDid}</p>
      </section>
      <section className="amend-section" aria-labelledby="understood-heading">
        <h2 id="understood-heading">How I understand it affected {partnerName}</h2>
        {amend.howItAffectedYou ? <p className="amend-words">{amend.howItAffectedYou}</p> : <p className="muted">Nothing written here.</p>}
      </section>
      <LinkedCommitments amend={amend} />
    </>
  );
}

function LinkedCommitments({ amend }: { amend: FullAmend }) {
  return (
    <section className="amend-section" aria-labelledby="repair-heading">
      <h2 id="repair-heading">{amend.mine ? 'What I am doing to repair it' : `What ${amend.authorName} is doing to repair it`}</h2>
      {amend.commitments.length ? (
        <ul className="plain amend-linked" data-testid="linked-commitments">
          {amend.commitments.map((c) => (
            <li key={c.id}>
              <Link href={`/commitments/${c.id}`}>{c.text}</Link> <span className="muted small">· {c.status === 'active' ? describeCadence(c.cadence) : c.status}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No commitments linked.</p>
      )}
    </section>
  );
}
