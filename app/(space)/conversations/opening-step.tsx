'use client';
import { Step, type StepProps } from './room-kit';

/** Accepted: the conversation opens when both have said they are here. */
export function OpeningStep({ view, partner, busy, act }: StepProps) {
  const here = view.arrived.includes(view.viewerId);
  const partnerArrived = view.arrived.includes(partner.id);
  return (
    <Step title={here ? `Waiting for ${partner.name}` : `${partner.name} is ready to begin`} lead={here ? 'The conversation opens when you are both here.' : 'Join when you have a quiet moment and can give it your attention.'}>
      {here ? <p className="muted">{partnerArrived ? '' : `${partner.name} will join from their own screen.`}</p> : null}
      {!here ? (
        <button type="button" className="conv-big-action" disabled={busy} onClick={() => void act({ type: 'arrive', conversationId: view.id })}>
          I am here, let us begin
        </button>
      ) : null}
    </Step>
  );
}
