'use client';
import { usePresence } from '../../_components/live/live-connection';
import type { ConversationView } from '@/server/domain/conversations/conversation-view';
import type { Person, Send } from './room-kit';
import { minutesWord } from './room-time';

/** What the conversation is about, whether the partner is here, and ending it (for both). */
export function TopicBar({ view, partner, busy, act }: { view: ConversationView; partner: Person; busy: boolean; act: Send }) {
  const presence = usePresence();
  const partnerHere = presence.some((p) => p.userId === partner.id);
  const endLabel = view.phase === 'proposed' || view.phase === 'scheduled' ? (view.proposedBy === view.viewerId ? 'Withdraw' : 'Decline') : 'End for both of us';
  return (
    <header className="conversation-topic">
      <div>
        <p className="conversation-eyebrow">Talking about</p>
        <p className="conversation-topic-text" data-testid="topic">
          {view.topic}
        </p>
        <p className="muted conversation-meta">
          Turns of {minutesWord(view.turnSeconds / 60)} ·{' '}
          <span className={partnerHere ? 'conv-here-now' : undefined}>{partnerHere ? `${partner.name} is here now` : `${partner.name} is not on this page`}</span>
        </p>
      </div>
      <button
        type="button"
        className="secondary outline conversation-end"
        disabled={busy}
        onClick={() => {
          if (window.confirm(view.phase === 'proposed' || view.phase === 'scheduled' ? 'Call this conversation off?' : 'End the conversation for both of you?')) void act({ type: 'end', conversationId: view.id });
        }}
      >
        {endLabel}
      </button>
    </header>
  );
}
