import { FAMILY_COLOURS, FAMILY_LABELS, INTENSITY_LABELS, type FeelingFamilyOrOwn } from '@/server/domain/feelings/feelings-vocabulary';
import type { Feeling } from '@/server/domain/feelings/feeling-input';

/** A note's feelings as calm labelled chips; intensity as words and five dots, never colour alone. */
export function FeelingChips({ feelings }: { feelings: Feeling[] }) {
  return (
    <ul className="feeling-chips" aria-label="Feelings">
      {feelings.map((f) => {
        const family = (f.family in FAMILY_COLOURS ? f.family : 'own') as FeelingFamilyOrOwn;
        return (
          <li key={`${f.family}:${f.word}`} className="feeling-chip" style={{ borderColor: FAMILY_COLOURS[family] }} title={FAMILY_LABELS[family]}>
            <span className="feeling-word" style={{ color: FAMILY_COLOURS[family] }}>{f.word}</span>
            <span className="feeling-intensity" aria-label={`intensity ${f.intensity} of 5, ${INTENSITY_LABELS[f.intensity]}`}>
              {'●'.repeat(f.intensity)}
              <span className="faint">{'●'.repeat(5 - f.intensity)}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
