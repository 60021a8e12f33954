import Link from 'next/link';
import type { ConversationListItem } from '@/server/domain/conversations/list-conversations';
import { formatDuration } from './format';

/** Ended conversations with the gist of each; the summary page has the rest. */
export function ConversationList({ items, names }: { items: ConversationListItem[]; names: Record<string, string> }) {
  return (
    <ul className="conv-summary-list" data-testid="conversation-list">
      {items.map(({ id, summary }) => (
        <li key={id}>
          <Link href={`/conversations/${id}`}>{summary.topic}</Link>
          <br />
          <small className="muted">
            {summary.endedAt ? new Date(summary.endedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long' }) : ''}
            {summary.openedAt ? ` · ${formatDuration(summary.durationMs)}` : ' · did not start'}
            {summary.turns.length ? ` · ${summary.turns.length} turn${summary.turns.length === 1 ? '' : 's'}` : ''}
            {summary.pauses.length ? ` · ${summary.pauses.length} pause${summary.pauses.length === 1 ? '' : 's'}` : ''}
            {summary.endedBy ? ` · ended by ${names[summary.endedBy] ?? 'a former member'}` : ''}
          </small>
        </li>
      ))}
    </ul>
  );
}
