'use client';
/**
 * The check-in: each privately picks feelings from the same vocabulary as notes (grouped by family)
 * and one intensity. The partner sees it only when both have chosen (the server withholds it).
 */
import { useState } from 'react';
import { FAMILY_COLOURS, FAMILY_LABELS, FEELING_FAMILIES, FEELING_WORDS, INTENSITY_LABELS } from '@/server/domain/feelings/feelings-vocabulary';
import { CheckInCard } from './check-in-card';
import { Step, type StepProps } from './room-kit';

const MOST_FEELINGS = 5;

export function CheckInStep({ view, partner, busy, act }: StepProps) {
  const [feelings, setFeelings] = useState<string[]>([]);
  const [intensity, setIntensity] = useState<number | null>(null);
  const partnerLine = <p className="muted">{view.checkIn.partnerHasCheckedIn ? `${partner.name} has checked in.` : `${partner.name} has not checked in yet.`}</p>;
  if (view.checkIn.mine) {
    return (
      <Step title="Your check-in is in" lead={view.checkIn.partnerHasCheckedIn ? 'Showing both…' : `Waiting for ${partner.name}. Nothing is shown until you have both chosen.`}>
        <CheckInCard label="You" checkIn={view.checkIn.mine} mine />
        {partnerLine}
      </Step>
    );
  }
  const full = feelings.length >= MOST_FEELINGS;
  const toggle = (feeling: string) => setFeelings((current) => (current.includes(feeling) ? current.filter((f) => f !== feeling) : current.length >= MOST_FEELINGS ? current : [...current, feeling]));
  return (
    <Step title="Check in" lead={`How are you feeling right now? ${partner.name} sees your answer only when you have both chosen.`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void act({ type: 'check-in', conversationId: view.id, feelings, intensity: intensity ?? 0 });
        }}
      >
        <fieldset className="conv-feelings">
          <legend>Feelings (up to five)</legend>
          <div className="conv-feeling-families">
            {FEELING_FAMILIES.map((family) => (
              <fieldset key={family} className="conv-feeling-family" style={{ '--family': FAMILY_COLOURS[family] } as React.CSSProperties}>
                <legend className="conv-family-name">
                  {FAMILY_LABELS[family]}
                </legend>
                <div className="conv-chips">
                  {FEELING_WORDS[family].map((feeling) => (
                    <label key={feeling} className="conv-chip">
                      <input type="checkbox" checked={feelings.includes(feeling)} disabled={full && !feelings.includes(feeling)} onChange={() => toggle(feeling)} />
                      {feeling}
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
          </div>
          <p className="muted conv-chosen" aria-live="polite">
            {feelings.length ? `Chosen: ${feelings.join(', ')}${full ? ' (five is the most)' : ''}` : 'Nothing chosen yet.'}
          </p>
        </fieldset>
        <fieldset>
          <legend>How strongly, all together</legend>
          <div className="conv-intensity">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="conv-chip">
                <input type="radio" name="intensity" aria-label={`${n}, ${INTENSITY_LABELS[n]}`} checked={intensity === n} onChange={() => setIntensity(n)} />
                <span aria-hidden="true">
                  {n} · {INTENSITY_LABELS[n]}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" disabled={busy || feelings.length === 0 || intensity === null}>
          Check in
        </button>
      </form>
      {partnerLine}
    </Step>
  );
}
