import type { Metadata } from 'next';
import Link from 'next/link';
import { findReadableSpace } from '@/server/access/authorization';
import { getDb } from '@/server/db/process-database';
import { listAmends, type AmendSummary } from '@/server/domain/amends/list-amends';
import { describeClosedSpace } from '@/server/domain/spaces/describe-closed-space';
import { listMembers } from '@/server/domain/spaces/space-members';
import { requireSignedIn } from '../../_lib/viewer';
import { ClosedSpaceNotice } from '../closed-space-notice';
import { NoSpaceYet } from '../no-space-yet';
import { AmendsLive } from './amends-live';
import './amends.css';
import { LocalTime } from '@/app/_components/local-time';

export const metadata: Metadata = { title: 'Amends' };

export default async function AmendsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const viewer = await requireSignedIn('/amends');
  const db = getDb();
  const membership = await findReadableSpace(db, viewer.userId);
  if (!membership) return <NoSpaceYet title="Amends" lead="Amends live in the space you share with your partner." />;
  const [amends, members, closed] = await Promise.all([listAmends(db, viewer), listMembers(db, membership.spaceId), describeClosedSpace(db, membership)]);
  const partnerName = members.find((m) => m.userId !== viewer.userId)?.name ?? closed?.leaverName ?? 'your partner';
  const deleted = (await searchParams).deleted;

  return (
    <main className="container">
      <AmendsLive viewerId={viewer.userId} />
      {deleted ? (
        <p className="notice notice-info" role="status">
          The draft was deleted.
        </p>
      ) : null}
      <hgroup>
        <h1>Amends</h1>
        <p>When you have hurt the other, an amend says what you did, how you understand it affected them, and what you are doing to repair it. Either of you can write one.</p>
      </hgroup>
      {closed ? (
        <ClosedSpaceNotice closed={closed} />
      ) : (
        <p>
          <Link href="/amends/new" role="button">
            Write an amend
          </Link>
        </p>
      )}
      <section className="card" aria-labelledby="amends-heading">
        <h2 id="amends-heading">Your amends and {partnerName}’s</h2>
        {amends.length === 0 ? (
          <p className="muted" data-testid="no-amends">
            {closed
              ? 'No amends were offered in this space.'
              : 'No amends yet. When you are ready to name a hurt you caused, an amend says what you did, how you understand it affected your partner, and what you will do to repair it. It stays a private draft until you offer it, and it asks nothing in return.'}
          </p>
        ) : (
          <ul className="plain amend-list" data-testid="amend-list">
            {amends.map((amend) => (
              <AmendItem key={amend.id} amend={amend} partnerName={partnerName} />
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

function AmendItem({ amend, partnerName }: { amend: AmendSummary; partnerName: string }) {
  if (amend.visibility === 'withdrawn') {
    return (
      <li className="amend-item amend-withdrawn" data-testid="amend-item" data-status="withdrawn">
        <Link href={`/amends/${amend.id}`}>An amend from {amend.authorName} was withdrawn</Link>
        {amend.withdrawnAt ? <> on <LocalTime iso={amend.withdrawnAt} format="date" /></> : ''}.
      </li>
    );
  }
  const when = amend.offeredAt ? <>offered <LocalTime iso={amend.offeredAt} format="date" /></> : <>started <LocalTime iso={amend.createdAt} format="date" /></>;
  return (
    <li className="amend-item" data-testid="amend-item" data-status={amend.status}>
      <div className="amend-item-head">
        <Link href={`/amends/${amend.id}`}>
          {amend.mine ? 'Your amend' : `An amend from ${amend.authorName}`} · {when}
        </Link>
        <span className="amend-badges">
          {amend.status === 'draft' ? <span className="badge badge-draft">Draft · only you can see it</span> : null}
          {amend.status === 'withdrawn' ? <span className="badge">Withdrawn · {partnerName} can no longer read it</span> : null}
          {amend.status === 'offered' && amend.receivedAt ? <span className="badge badge-received">{amend.mine ? `${partnerName} received it` : 'You received it'}</span> : null}
          {amend.status === 'offered' && amend.hasPartnerAffected ? <span className="badge">{amend.mine ? `${partnerName} wrote how it affected them` : 'You wrote how it affected you'}</span> : null}
          {amend.commitmentCount > 0 ? <span className="badge">{amend.commitmentCount === 1 ? '1 commitment' : `${amend.commitmentCount} commitments`}</span> : null}
        </span>
      </div>
      <p className="amend-excerpt">{amend.excerpt}</p>
    </li>
  );
}
