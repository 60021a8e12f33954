import type { Metadata } from 'next';
import { findMembership } from '@/server/access/authorization';
import { getDb } from '@/server/db/process-database';
import { listActivity } from '@/server/domain/activity/record-activity';
import { getSpaceOverview } from '@/server/domain/spaces/get-space-overview';
import { requireSignedIn } from '../../_lib/viewer';
import { PresenceLine } from '../../_components/live/presence-line';
import { ConversationsCard } from '../conversations/conversations-card';
import { ActivityList } from './activity-list';
import { CreateSpaceForm, InvitePanel, LeaveSpaceForm } from './space-forms';

export const metadata: Metadata = { title: 'Our space' };

export default async function SpacePage({ searchParams }: { searchParams: Promise<{ left?: string }> }) {
  const viewer = await requireSignedIn('/space');
  const db = getDb();
  const membership = await findMembership(db, viewer.userId);
  if (!membership) {
    const left = (await searchParams).left;
    return (
      <main className="container narrow">
        {left ? <p className="notice notice-info" role="status">You have left the space.</p> : null}
        <hgroup>
          <h1>Create your space</h1>
          <p>A space is for the two of you. Create it here, then invite your partner.</p>
        </hgroup>
        <CreateSpaceForm />
        <p className="muted">If your partner already made a space, ask them for an invite link and open it.</p>
      </main>
    );
  }
  const overview = await getSpaceOverview(db, viewer, membership.spaceId);
  const activity = await listActivity(db, membership.spaceId, { limit: 20 });
  return (
    <main className="container">
      <hgroup>
        <h1>{overview.name}</h1>
        <p>{overview.partner ? 'Your shared space.' : 'Your space is ready. Invite your partner when you both feel ready.'}</p>
      </hgroup>
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
      {overview.partner ? <ConversationsCard spaceId={overview.spaceId} viewerId={viewer.userId} /> : null}
      <section className="card" aria-labelledby="activity-heading">
        <h2 id="activity-heading">Recent activity</h2>
        <ActivityList items={activity.map((a) => ({ id: a.id, type: a.type, data: a.data, actorName: a.actorName, createdAt: a.createdAt.toISOString(), mine: a.actorId === viewer.userId }))} />
      </section>
      <LeaveSpaceForm spaceId={overview.spaceId} hasPartner={Boolean(overview.partner)} />
    </main>
  );
}
