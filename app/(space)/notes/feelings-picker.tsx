'use client';
/**
 * Pick feelings from the vocabulary (grouped by family) or write one in your own words, each with an
 * intensity from 1 to 5. The choice travels to the server as one JSON field, `feelings`, which the
 * server validates again (server/domain/feelings/feeling-input.ts).
 */
import { useEffect, useId, useRef, useState } from 'react';
import {
  FAMILY_COLOURS,
  FAMILY_LABELS,
  FEELING_FAMILIES,
  FEELING_WORDS,
  INTENSITY_LABELS,
  OWN_WORDS_FAMILY,
  type FeelingFamilyOrOwn,
} from '@/server/domain/feelings/feelings-vocabulary';
import type { Feeling } from '@/server/domain/feelings/feeling-input';

const keyOf = (f: Pick<Feeling, 'family' | 'word'>) => `${f.family}:${f.word.toLowerCase()}`;

/** The feelings a form sent back (JSON in a hidden field), or `fallback` when there are none or they do not parse. */
export function parseFeelings(raw: string | undefined, fallback: Feeling[]): Feeling[] {
  if (!raw) return fallback;
  try {
    const parsed = JSON.parse(raw) as Feeling[];
    return Array.isArray(parsed) ? parsed : fallback;
  } catch {
    return fallback;
  }
}

export function FeelingsPicker({
  initial,
  errors,
  legend = 'How do you feel?',
  hint,
  onChange,
}: {
  initial: Feeling[];
  errors?: string[];
  legend?: string;
  hint?: string;
  /** Called with the whole new choice after every change (for autosave). */
  onChange?: (feelings: Feeling[]) => void;
}) {
  const [chosen, setChosenState] = useState<Feeling[]>(initial);
  const changedRef = useRef(false);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });
  useEffect(() => {
    if (changedRef.current) onChangeRef.current?.(chosen);
  }, [chosen]);
  // Messages from the last submit describe that choice; once the person changes it they no longer apply.
  const [changed, setChanged] = useState(false);
  const setChosen: typeof setChosenState = (next) => {
    changedRef.current = true;
    setChanged(true);
    setChosenState(next);
  };
  const shownErrors = changed ? undefined : errors;
  const [ownWord, setOwnWord] = useState('');
  const [ownFamily, setOwnFamily] = useState<string>(OWN_WORDS_FAMILY);
  const [ownProblem, setOwnProblem] = useState<string | null>(null);
  const id = useId();
  const errorId = shownErrors?.length ? `${id}-errors` : undefined;

  const isChosen = (family: string, word: string) => chosen.some((f) => keyOf(f) === keyOf({ family, word }));
  const toggle = (family: string, word: string) =>
    setChosen((list) => (isChosen(family, word) ? list.filter((f) => keyOf(f) !== keyOf({ family, word })) : [...list, { family, word, ownWords: false, intensity: 3 }]));
  const setIntensity = (feeling: Feeling, intensity: number) => setChosen((list) => list.map((f) => (keyOf(f) === keyOf(feeling) ? { ...f, intensity } : f)));
  const addOwn = () => {
    const word = ownWord.trim();
    if (word === '') return setOwnProblem('Write the feeling first.');
    if (word.length > 40) return setOwnProblem('Keep it under 40 characters.');
    if (isChosen(ownFamily, word)) return setOwnProblem('You already named that feeling.');
    setChosen((list) => [...list, { family: ownFamily, word, ownWords: true, intensity: 3 }]);
    setOwnWord('');
    setOwnProblem(null);
  };

  return (
    <fieldset className="feelings-picker" aria-describedby={errorId} aria-invalid={shownErrors?.length ? true : undefined}>
      <legend>{legend}</legend>
      {hint ? <p className="muted small">{hint}</p> : null}
      <input type="hidden" name="feelings" value={JSON.stringify(chosen)} />
      <div className="feeling-families">
        {FEELING_FAMILIES.map((family) => (
          <div key={family} className="feeling-family">
            <h3 id={`${id}-${family}`} style={{ color: FAMILY_COLOURS[family] }}>{FAMILY_LABELS[family]}</h3>
            <div className="feeling-words">
              {FEELING_WORDS[family].map((word) => (
                <button
                  key={word}
                  type="button"
                  className="feeling-toggle"
                  aria-pressed={isChosen(family, word)}
                  onClick={() => toggle(family, word)}
                  style={isChosen(family, word) ? { background: FAMILY_COLOURS[family], borderColor: FAMILY_COLOURS[family] } : { borderColor: '#cfd8d4', color: FAMILY_COLOURS[family] }}
                >
                  {word}
                </button>
              ))}
            </div>
          </div>
        ))}
      </div>
      <div className="own-words">
        <label htmlFor={`${id}-own`}>
          In my own words
          <input id={`${id}-own`} value={ownWord} maxLength={60} onChange={(e) => setOwnWord(e.target.value)} onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addOwn();
            }
          }} placeholder="e.g. torn" aria-invalid={ownProblem ? true : undefined} aria-describedby={ownProblem ? `${id}-own-problem` : undefined} />
        </label>
        <label htmlFor={`${id}-own-family`}>
          Closest to
          <select id={`${id}-own-family`} value={ownFamily} onChange={(e) => setOwnFamily(e.target.value)}>
            <option value={OWN_WORDS_FAMILY}>none of these</option>
            {FEELING_FAMILIES.map((family) => (
              <option key={family} value={family}>{FAMILY_LABELS[family].toLowerCase()}</option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={addOwn}>Add</button>
        {ownProblem ? (
          <small id={`${id}-own-problem`} className="field-error">{ownProblem}</small>
        ) : ownWord.trim() !== '' ? (
          <small className="muted">Press Add (or Enter) to include it.</small>
        ) : null}
      </div>
      {chosen.length > 0 ? (
        <div className="chosen-feelings">
          <h3>How strong is each?</h3>
          <ul className="plain">
            {chosen.map((feeling) => {
              const family = (feeling.family in FAMILY_COLOURS ? feeling.family : OWN_WORDS_FAMILY) as FeelingFamilyOrOwn;
              const selectId = `${id}-intensity-${keyOf(feeling).replace(/[^a-z0-9]+/gi, '-')}`;
              return (
                <li key={keyOf(feeling)} className="chosen-feeling">
                  <label htmlFor={selectId}>
                    How strong is “<span style={{ color: FAMILY_COLOURS[family] }}>{feeling.word}</span>”?
                  </label>
                  <select id={selectId} value={feeling.intensity} onChange={(e) => setIntensity(feeling, Number(e.target.value))}>
                    {[1, 2, 3, 4, 5].map((n) => (
                      <option key={n} value={n}>{n} · {INTENSITY_LABELS[n]}</option>
                    ))}
                  </select>
                  <button type="button" className="secondary outline remove-feeling" aria-label={`Remove “${feeling.word}”`} onClick={() => toggle(feeling.family, feeling.word)}>
                    Remove
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ) : (
        <p className="muted small">No feelings chosen yet.</p>
      )}
      {shownErrors?.length ? (
        <p id={errorId} className="field-error" role="alert">{shownErrors.join(' ')}</p>
      ) : null}
    </fieldset>
  );
}
