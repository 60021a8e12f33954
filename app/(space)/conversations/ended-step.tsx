import Link from 'next/link';
import type { ConversationView } from '@/server/domain/conversations/conversation-view';
import { Step, type Person } from './room-kit';

/** The end, said calmly: a talk request that never began is not a conversation with a summary. */
export function EndedStep({ view, me, partner, names, refresh }: { view: ConversationView; me: Person; partner: Person; names: (id: string | null) => string; refresh: () => void }) {
  const startAnother = (
    <p>
      <button type="button" className="secondary" onClick={refresh}>
        Propose a conversation
      </button>
    </p>
  );
  if (view.endReason === 'partner-left') {
    return (
      <Step title="The conversation ended early" lead="It ended because one of you left the space. Nothing that was still private was shown.">
        <p>
          <Link href={`/conversations/${view.id}`} className="conv-summary-link">
            Read the summary
          </Link>
        </p>
      </Step>
    );
  }
  if (view.openedAt === null) {
    const withdrawn = view.endedBy === view.proposedBy;
    const lead = withdrawn
      ? view.endedBy === me.id
        ? 'You withdrew it before it began. Nothing was said or kept.'
        : `${partner.name} withdrew it before it began. Nothing is needed from you.`
      : view.endedBy === me.id
        ? 'You declined it for now. Nothing was said or kept.'
        : `${partner.name} declined it for now. Either of you can propose a conversation again when you are ready.`;
    return (
      <Step title={withdrawn ? 'This talk request was withdrawn' : 'This talk request was declined'} lead={lead}>
        {startAnother}
      </Step>
    );
  }
  return (
    <Step title="The conversation has ended" lead={`${view.endedBy === me.id ? 'You ended it' : `${names(view.endedBy)} ended it for both of you`}. Thank you for taking the time.`}>
      <p>
        <Link href={`/conversations/${view.id}`} className="conv-summary-link">
          Read the summary
        </Link>
      </p>
    </Step>
  );
}
