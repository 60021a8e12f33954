import type { Metadata } from 'next';
import { findReadableSpace, listClosedSpaces } from '@/server/access/authorization';
import { getDb } from '@/server/db/process-database';
import { ACTIVITY_PAGE_SIZE, listActivityPage } from '@/server/domain/activity/list-activity-page';
import { describeClosedSpace, type ClosedSpaceDescription } from '@/server/domain/spaces/describe-closed-space';
import { getSpaceOverview } from '@/server/domain/spaces/get-space-overview';
import { requireSignedIn } from '../../_lib/viewer';
import { PresenceLine } from '../../_components/live/presence-line';
import { ConversationsCard } from '../conversations/conversations-card';
import { DueThisWeekCard } from '../commitments/due-this-week-card';
import { ActivityList } from './activity-list';
import { toActivityListPage } from './activity-view';
import { ClosedSpaceNotice } from '../closed-space-notice';
import { CreateSpaceForm, InvitePanel, LeaveSpaceForm, RemoveClosedSpaceForm } from './space-forms';
import { SpaceLiveRefresh } from './space-live-refresh';
import { LocalTime } from '@/app/_components/local-time';

export const metadata: Metadata = { title: 'Our space' };

export default async function SpacePage({ searchParams }: { searchParams: Promise<{ left?: string }> }) {
  const viewer = await requireSignedIn('/space');
  const db = getDb();
  const membership = await findReadableSpace(db, viewer.userId);
  const earlier = (await Promise.all((await listClosedSpaces(db, viewer.userId)).map((m) => describeClosedSpace(db, m)))).filter(
    (c): c is ClosedSpaceDescription => c !== null && c.spaceId !== membership?.spaceId,
  );
  if (!membership) {
    const left = (await searchParams).left;
    return (
      <main className="container narrow">
        {left ? (
          <p className="notice notice-info" role="status">
            You have left the space. Your journal is still yours: <a href="/journal">open your journal</a>.
          </p>
        ) : null}
        <hgroup>
          <h1>Create your space</h1>
          <p>A space is for the two of you. Create it here, then invite your partner.</p>
        </hgroup>
        <CreateSpaceForm />
        <p className="muted">If your partner already made a space, ask them for an invite link and open it.</p>
        <EarlierSpaces spaces={earlier} />
      </main>
    );
  }
  const closed = await describeClosedSpace(db, membership);
  const overview = await getSpaceOverview(db, viewer, membership.spaceId);
  const activity = toActivityListPage(await listActivityPage(db, viewer, membership.spaceId, { limit: ACTIVITY_PAGE_SIZE }), viewer.userId);
  if (closed) {
    return (
      <main className="container">
        <hgroup>
          <h1>{overview.name}</h1>
          <p>A closed space: read and export only.</p>
        </hgroup>
        <ClosedSpaceNotice closed={closed} />
        <section className="card" aria-labelledby="new-space-heading">
          <h2 id="new-space-heading">Start a new space</h2>
          <p>A new space starts empty. Nothing from this one is ever shown in it, and this one stays here for you to read.</p>
          <CreateSpaceForm />
        </section>
        <section className="card" aria-labelledby="activity-heading">
          <h2 id="activity-heading">What happened here</h2>
          <ActivityList spaceId={membership.spaceId} initial={activity} live={false} />
        </section>
        <EarlierSpaces spaces={earlier} />
        <RemoveClosedSpaceForm spaceId={overview.spaceId} />
      </main>
    );
  }
  return (
    <main className="container">
      <hgroup>
        <h1>{overview.name}</h1>
        <p>{overview.partner ? 'Your shared space.' : 'Your space is ready. Invite your partner when you both feel ready.'}</p>
      </hgroup>
      <SpaceLiveRefresh />
      {overview.partner ? <PresenceLine viewerId={viewer.userId} /> : null}
      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <p data-testid="members">
          {overview.members.map((member) => (
            <span key={member.userId} className="member">
              <span className="member-dot" style={{ background: member.colour }} aria-hidden="true" />
              <span>
                {member.name}
                {member.userId === viewer.userId ? ' (you)' : ''}
              </span>
            </span>
          ))}
        </p>
      </section>
      {overview.partner ? null : (
        <InvitePanel
          spaceId={overview.spaceId}
          openInvites={overview.openInvites.map((i) => ({ id: i.id, createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() }))}
        />
      )}
      {overview.partner ? <DueThisWeekCard viewerId={viewer.userId} /> : null}
      {overview.partner ? <ConversationsCard spaceId={overview.spaceId} viewerId={viewer.userId} /> : null}
      <section className="card" aria-labelledby="activity-heading">
        <h2 id="activity-heading">Recent activity</h2>
        <ActivityList spaceId={membership.spaceId} initial={activity} live />
      </section>
      <EarlierSpaces spaces={earlier} />
      <LeaveSpaceForm spaceId={overview.spaceId} hasPartner={Boolean(overview.partner)} partnerName={overview.partner?.name ?? null} />
    </main>
  );
}

/** Spaces that closed when a partner left: the person who stayed can still export what was shared. */
function EarlierSpaces({ spaces }: { spaces: ClosedSpaceDescription[] }) {
  if (spaces.length === 0) return null;
  return (
    <section className="card" aria-labelledby="earlier-heading">
      <h2 id="earlier-heading">Earlier spaces</h2>
      <ul className="plain">
        {spaces.map((space) => (
          <li key={space.spaceId}>
            {space.name}, closed <LocalTime iso={space.closedAt} format="date" />:{' '}
            <a href={`/space/export?space=${space.spaceId}`} download>
              export what was shared
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
