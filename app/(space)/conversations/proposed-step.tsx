'use client';
import { useState } from 'react';
import { Step, type StepProps } from './room-kit';

/** A talk request: the one who asked waits; the other starts now or suggests a time within 24 hours. */
export function ProposedStep({ view, partner, busy, act }: StepProps) {
  if (view.proposedBy === view.viewerId) {
    return (
      <Step title={`Waiting for ${partner.name}`} lead={`${partner.name} can start now or suggest a time within the next 24 hours.`}>
        <p className="muted">You will see their answer here as soon as they give it.</p>
      </Step>
    );
  }
  return <AnswerProposal view={view} partner={partner} busy={busy} act={act} />;
}

function AnswerProposal({ view, partner, busy, act }: StepProps) {
  const [time, setTime] = useState('');
  return (
    <Step title={`${partner.name} would like to talk`} lead={<>About: <strong>{view.topic}</strong></>}>
      <div className="conv-row-actions">
        <button type="button" className="conv-big-action" disabled={busy} onClick={() => void act({ type: 'accept', conversationId: view.id })}>
          Start now
        </button>
      </div>
      <form
        className="conv-suggest-time"
        onSubmit={(event) => {
          event.preventDefault();
          const at = new Date(time).getTime();
          void act({ type: 'propose-time', conversationId: view.id, at: Number.isFinite(at) ? at : 0 });
        }}
      >
        <label>
          Or suggest a time in the next 24 hours
          <input type="datetime-local" value={time} onChange={(e) => setTime(e.target.value)} required />
        </label>
        <button type="submit" className="secondary" disabled={busy}>
          Suggest this time
        </button>
      </form>
    </Step>
  );
}
