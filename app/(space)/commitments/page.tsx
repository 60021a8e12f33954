import type { Metadata } from 'next';
import Link from 'next/link';
import { findReadableSpace } from '@/server/access/authorization';
import { getDb } from '@/server/db/process-database';
import { listAgreements } from '@/server/domain/agreements/list-agreements';
import { listCommitments, type CommitmentSummary } from '@/server/domain/commitments/list-commitments';
import { describeClosedSpace } from '@/server/domain/spaces/describe-closed-space';
import { listMembers } from '@/server/domain/spaces/space-members';
import { requireSignedIn } from '../../_lib/viewer';
import { ClosedSpaceNotice } from '../closed-space-notice';
import { NoSpaceYet } from '../no-space-yet';
import { NewCommitmentForm } from './commitment-forms';
import { CommitmentsLive } from './commitments-live';
import { describeCadence, formatDay } from './format';
import './commitments.css';

export const metadata: Metadata = { title: 'Commitments' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CommitmentsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireSignedIn('/commitments');
  const db = getDb();
  const membership = await findReadableSpace(db, viewer.userId);
  if (!membership) return <NoSpaceYet title="Commitments" lead="Commitments live in the space you share with your partner." />;
  const params = await searchParams;
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  const [all, members, agreements, closed] = await Promise.all([
    listCommitments(db, viewer),
    listMembers(db, membership.spaceId),
    listAgreements(db, viewer, membership.spaceId),
    describeClosedSpace(db, membership),
  ]);
  const partner = members.find((m) => m.userId !== viewer.userId) ?? null;
  const fromConversation = single(params.conversation);
  const prefill = (single(params.text) ?? '').slice(0, 500);

  const groups: Array<{ id: string; title: string; items: CommitmentSummary[]; empty?: string }> = [
    { id: 'asked-of-me', title: 'Asked of you', items: all.filter((c) => c.status === 'requested' && c.mine) },
    {
      id: 'active',
      title: 'Active',
      items: all.filter((c) => c.status === 'active'),
      empty: closed
        ? 'No commitments were active when this space closed.'
        : 'No active commitments yet. A commitment is one small “I will …” with a rhythm that suits you, checked in on by both of you. Start with something you can keep this week, below; you can also ask your partner for one.',
    },
    { id: 'asked-by-me', title: partner ? `You asked ${partner.name}` : 'You asked', items: all.filter((c) => c.status === 'requested' && c.requestedByMe) },
    { id: 'paused', title: 'Paused', items: all.filter((c) => c.status === 'paused') },
    { id: 'completed', title: 'Completed', items: all.filter((c) => c.status === 'completed') },
    { id: 'declined', title: 'Declined', items: all.filter((c) => c.status === 'declined') },
  ];

  return (
    <main className="container">
      <CommitmentsLive viewerId={viewer.userId} />
      <hgroup>
        <h1>Commitments</h1>
        <p>What each of you will do, checked in on by both of you, at your own pace. Nothing here is a score.</p>
      </hgroup>
      {closed ? <ClosedSpaceNotice closed={closed} /> : null}

      {groups
        .filter((group) => group.items.length > 0 || group.empty)
        .map((group) => (
          <section key={group.id} className="card" aria-labelledby={`${group.id}-heading`} data-testid={`commitments-${group.id}`}>
            <h2 id={`${group.id}-heading`}>{group.title}</h2>
            {group.items.length === 0 ? (
              <p className="muted">{group.empty}</p>
            ) : (
              <ul className="plain commitment-list">
                {group.items.map((c) => (
                  <li key={c.id} className="commitment-item">
                    <Link href={`/commitments/${c.id}`}>{c.text}</Link>
                    <br />
                    <span className="muted small">
                      {c.mine ? 'Yours' : `${c.ownerName}’s`} · {describeCadence(c.cadence)} · from {formatDay(c.startDate, { weekday: false })}
                      {c.reviewDate ? <> · look back on {formatDay(c.reviewDate, { weekday: false })}</> : ''}
                      {c.hasClause ? ' · keeps an agreement clause' : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}

      {closed ? null : (
        <section className="card" aria-labelledby="new-commitment-heading" id="new">
          <h2 id="new-commitment-heading">{fromConversation ? 'Make a next step your commitment' : 'A new commitment'}</h2>
          {fromConversation ? <p className="muted small">From your conversation. Choose how often you will check in on it.</p> : null}
          <NewCommitmentForm
            agreements={agreements.filter((a) => !a.archivedAt).map((a) => ({ id: a.id, title: a.title }))}
            partnerName={partner?.name ?? null}
            initialText={prefill}
            conversationId={fromConversation}
          />
        </section>
      )}
    </main>
  );
}
