import type { Metadata } from 'next';
import { findReadableSpace } from '@/server/access/authorization';
import { describeClosedSpace } from '@/server/domain/spaces/describe-closed-space';
import { ClosedSpaceNotice } from '../closed-space-notice';
import { getDb } from '@/server/db/process-database';
import { configuredIceServers } from '@/server/domain/conversations/ice-servers';
import { listEndedConversations } from '@/server/domain/conversations/list-conversations';
import { getSpaceOverview } from '@/server/domain/spaces/get-space-overview';
import { requireSignedIn } from '../../_lib/viewer';
import { ConversationRoom } from './conversation-room';
import { ConversationList } from './conversation-list';
import './conversations.css';
import { NoSpaceYet } from '../no-space-yet';

export const metadata: Metadata = { title: 'Conversation' };

export default async function ConversationsPage() {
  const viewer = await requireSignedIn('/conversations');
  const db = getDb();
  const membership = await findReadableSpace(db, viewer.userId);
  if (!membership) return <NoSpaceYet title="Conversations" lead="Conversations happen in the space you share with your partner." />;
  const overview = await getSpaceOverview(db, viewer, membership.spaceId);
  const ended = await listEndedConversations(db, viewer, membership.spaceId, { limit: 10 });
  const names: Record<string, string> = Object.fromEntries(overview.members.map((m) => [m.userId, m.userId === viewer.userId ? 'You' : m.name]));
  const closed = await describeClosedSpace(db, membership);
  if (closed) {
    // A closed space holds no new conversation: only what was said, read-only.
    if (membership.space.closedBy) names[membership.space.closedBy] = closed.leaverName;
    return (
      <main className="container">
        <h1 className="conversation-page-title">Conversations</h1>
        <ClosedSpaceNotice closed={closed} />
        <section className="card conversation-history" aria-labelledby="past-heading">
          <h2 id="past-heading">Past conversations</h2>
          {ended.length ? <ConversationList items={ended} names={names} viewerId={viewer.userId} /> : <p className="muted">No conversations were held here.</p>}
        </section>
      </main>
    );
  }
  return (
    <main className="container">
      <h1 className="conversation-page-title">Conversation</h1>
      <ConversationRoom
        me={{ id: overview.me.userId, name: overview.me.name, colour: overview.me.colour }}
        partner={overview.partner ? { id: overview.partner.userId, name: overview.partner.name, colour: overview.partner.colour } : null}
        iceServers={configuredIceServers()}
      />
      {ended.length ? (
        <section className="card conversation-history" aria-labelledby="past-heading">
          <h2 id="past-heading">Past conversations</h2>
          <ConversationList items={ended} names={names} viewerId={viewer.userId} />
        </section>
      ) : null}
    </main>
  );
}
