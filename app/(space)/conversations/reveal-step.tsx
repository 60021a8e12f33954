'use client';
/**
 * The moment both check-ins are shown. The server starts the first turn a few seconds after the
 * second check-in (revealEndsAt), so both screens show this together, from the same clock, and the
 * first speaker's time is not spent on it.
 */
import { BothCheckIns } from './check-in-card';
import { Step, type StepProps } from './room-kit';

export function RevealStep({ view, partner, now }: StepProps & { now: number }) {
  const mine = view.checkIn.mine;
  const partners = view.checkIn.partners;
  const seconds = Math.max(1, Math.ceil(((view.revealEndsAt ?? now) - now) / 1000));
  const speakerIsMe = view.floor?.speakerId === view.viewerId;
  return (
    <Step title="You have both checked in" lead="Take a moment with how each of you is arriving. Nothing needs to be said about it.">
      <div className="conv-reveal" data-testid="check-in-reveal">
        {mine && partners ? <BothCheckIns mine={mine} partners={partners} partnerName={partner.name} /> : <p className="muted">One of the check-ins is no longer available.</p>}
      </div>
      <p className="conv-reveal-next" role="status">
        {speakerIsMe ? 'You speak first' : `${partner.name} speaks first`}, in {seconds} second{seconds === 1 ? '' : 's'}.
      </p>
    </Step>
  );
}
