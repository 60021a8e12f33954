import Link from 'next/link';
import type { ConversationListItem } from '@/server/domain/conversations/list-conversations';
import { describeEnding, formatDuration } from './format';
import { LocalTime } from '@/app/_components/local-time';

/** Ended conversations with the gist of each; the summary page has the rest. */
export function ConversationList({ items, names, viewerId }: { items: ConversationListItem[]; names: Record<string, string>; viewerId: string }) {
  return (
    <ul className="conv-summary-list" data-testid="conversation-list">
      {items.map(({ id, summary }) => {
        const ending = describeEnding(summary, viewerId, (userId) => names[userId] ?? 'A former member');
        return (
          <li key={id}>
            <Link href={`/conversations/${id}`}>{summary.topic}</Link>
            <br />
            <small className="muted">
              {summary.endedAt ? <LocalTime iso={new Date(summary.endedAt).toISOString()} format="date" /> : ''}
              {summary.openedAt ? ` · ${formatDuration(summary.durationMs)}` : ending ? '' : ' · did not start'}
              {summary.turns.length ? ` · ${summary.turns.length} turn${summary.turns.length === 1 ? '' : 's'}` : ''}
              {summary.pauses.length ? ` · ${summary.pauses.length} pause${summary.pauses.length === 1 ? '' : 's'}` : ''}
              {ending ? ` · ${ending}` : ''}
            </small>
          </li>
        );
      })}
    </ul>
  );
}
