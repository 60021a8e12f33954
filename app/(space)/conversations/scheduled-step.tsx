'use client';
import { JOIN_EARLY_MS } from '@/server/domain/conversations/conversation-machine';
import { Step, type StepProps } from './room-kit';
import { clockTime, duration } from './room-time';

/** A conversation planned for later: it can be joined from 5 minutes before. */
export function ScheduledStep({ view, partner, busy, act, now }: StepProps & { now: number }) {
  const opensAt = view.scheduledFor! - JOIN_EARLY_MS;
  const mayJoin = now >= opensAt;
  const here = view.arrived.includes(view.viewerId);
  return (
    <Step title={`Planned for ${clockTime(view.scheduledFor!)}`} lead={mayJoin ? 'It is time. Join when you are ready.' : `In ${duration(view.scheduledFor! - now)}. You can join from 5 minutes before.`}>
      {here ? (
        <p>You are here. Waiting for {partner.name} to join.</p>
      ) : (
        <button type="button" className="conv-big-action" disabled={busy || !mayJoin} onClick={() => void act({ type: 'arrive', conversationId: view.id })}>
          I am here
        </button>
      )}
    </Step>
  );
}
