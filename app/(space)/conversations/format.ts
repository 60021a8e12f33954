import type { ConversationSummary } from '@/server/domain/conversations/conversation-summary';

/** "1 h 5 min", "12 min", "45 s": durations as a person reads them. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * How a conversation ended, in a sentence that blames nobody: "You ended it", "Sam ended it", a talk
 * request that was withdrawn or declined before it began, or one that ended early because one of
 * the two left the space (who left is not the point here, and is not said).
 */
export function describeEnding(summary: Pick<ConversationSummary, 'endedBy' | 'endReason' | 'openedAt' | 'proposedBy'>, viewerId: string, nameOf: (userId: string) => string): string {
  if (summary.endReason === 'partner-left') return 'It ended early because one of you left the space.';
  if (!summary.endedBy) return '';
  if (summary.openedAt === null) return summary.endedBy === summary.proposedBy ? 'The talk request was withdrawn.' : 'The talk request was declined.';
  return summary.endedBy === viewerId ? 'You ended it.' : `${nameOf(summary.endedBy)} ended it.`;
}
