import './conversations.css';
import Link from 'next/link';
import { getDb } from '@/server/db/process-database';
import { listEndedConversations } from '@/server/domain/conversations/list-conversations';
import { listMembers } from '@/server/domain/spaces/space-members';
import { ConversationList } from './conversation-list';

/** The space page's list of past conversations, each linking to its summary. */
export async function ConversationsCard({ spaceId, viewerId }: { spaceId: string; viewerId: string }) {
  const db = getDb();
  const items = await listEndedConversations(db, { userId: viewerId }, spaceId, { limit: 5 });
  const names = Object.fromEntries((await listMembers(db, spaceId)).map((m) => [m.userId, m.userId === viewerId ? 'you' : m.name]));
  return (
    <section className="card" aria-labelledby="conversations-heading">
      <div className="row">
        <h2 id="conversations-heading">Conversations</h2>
        <Link href="/conversations">Start or join a conversation</Link>
      </div>
      {items.length ? <ConversationList items={items} names={names} viewerId={viewerId} /> : <p className="muted">No conversations yet. When you are both ready, one of you can propose a topic.</p>}
    </section>
  );
}
