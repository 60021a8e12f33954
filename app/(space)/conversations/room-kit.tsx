/**
 * Small pieces every phase of the conversation screen shares: who the two people are, how a step
 * is sent, the card a step is shown in, and a check-in as a line of feelings.
 */
import type { ReactNode } from 'react';
import type { ConversationActionInput } from '@/server/domain/conversations/conversation-input';
import type { ConversationView } from '@/server/domain/conversations/conversation-view';
import type { SendResult } from './use-conversation';

export interface Person {
  id: string;
  name: string;
  colour: string;
}

export type Send = (action: ConversationActionInput) => Promise<SendResult>;

/** What every phase's screen is given. */
export interface StepProps {
  view: ConversationView;
  partner: Person;
  busy: boolean;
  act: Send;
}

export function Step({ title, lead, top, children, tone }: { title: string; lead?: ReactNode; top?: ReactNode; children?: ReactNode; tone?: 'speak' | 'listen' }) {
  return (
    <section className={`card conversation-step${tone ? ` conversation-step--${tone}` : ''}`} aria-labelledby="step-title">
      <h2 id="step-title" data-testid="step-title">
        {title}
      </h2>
      {top}
      {lead ? <p className="conversation-lead">{lead}</p> : null}
      {children}
    </section>
  );
}
