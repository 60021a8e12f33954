import type { CheckIn } from '@/server/domain/conversations/conversation-machine';
import { FAMILY_COLOURS, FEELING_FAMILIES, FEELING_WORDS, INTENSITY_LABELS, type FeelingFamilyOrOwn } from '@/server/domain/feelings/feelings-vocabulary';

/** The family a check-in word belongs to (each word belongs to one); words offered before the shared vocabulary have none. */
export function familyOf(word: string): FeelingFamilyOrOwn {
  return FEELING_FAMILIES.find((family) => FEELING_WORDS[family].includes(word)) ?? 'own';
}

/**
 * One person's check-in: their feelings in their family's colour and how strongly, in words as well
 * as a number (never colour alone). Wraps at any width.
 */
export function CheckInCard({ label, checkIn, mine }: { label: string; checkIn: CheckIn; mine: boolean }) {
  return (
    <div className="conv-check-in-card" data-testid={`check-in-${mine ? 'mine' : 'partner'}`}>
      <p className="conv-check-in-who">{label}</p>
      <ul className="conv-check-in-feelings" aria-label={`${label}: feelings`}>
        {checkIn.feelings.map((feeling) => (
          <li key={feeling} style={{ '--family': FAMILY_COLOURS[familyOf(feeling)] } as React.CSSProperties}>
            {feeling}
          </li>
        ))}
      </ul>
      <p className="conv-intensity-badge" aria-label={`intensity ${checkIn.intensity} of 5, ${INTENSITY_LABELS[checkIn.intensity] ?? ''}`}>
        {checkIn.intensity}/5 · {INTENSITY_LABELS[checkIn.intensity]}
      </p>
    </div>
  );
}

/** Both check-ins side by side (stacked on a phone), once both have chosen. */
export function BothCheckIns({ mine, partners, partnerName, compact = false }: { mine: CheckIn; partners: CheckIn; partnerName: string; compact?: boolean }) {
  return (
    <div className={`conv-both-check-ins${compact ? ' conv-both-check-ins--compact' : ''}`}>
      <CheckInCard label="You" checkIn={mine} mine />
      <CheckInCard label={partnerName} checkIn={partners} mine={false} />
    </div>
  );
}
