'use client';
/**
 * "How often": the cadence of a commitment, as one fieldset wherever a commitment is made (its own
 * form, and in place on an amend). Field names match what server/domain/commitments/commitment-input.ts
 * reads: cadenceKind, weekday (repeated), everyDays, byDate.
 */
import { useEffect, useState } from 'react';
import { FieldMessage } from '../../_components/field';
import './cadence-fields.css';

export type CadenceKind = 'daily' | 'weekly' | 'every' | 'once';

/** Monday first, as people read a week; values are 0 = Sunday … 6 = Saturday, as stored. */
const WEEK = [
  [1, 'Mon'],
  [2, 'Tue'],
  [3, 'Wed'],
  [4, 'Thu'],
  [5, 'Fri'],
  [6, 'Sat'],
  [0, 'Sun'],
] as const;

const KINDS: ReadonlyArray<readonly [CadenceKind, string]> = [
  ['daily', 'Every day'],
  ['weekly', 'On chosen days of the week'],
  ['every', 'Every few days'],
  ['once', 'Once, by a date'],
];

/** The browser's IANA zone and today's date there, known only once the page has loaded. */
export function useBrowserDay(): { timeZone: string; today: string } {
  const [day, setDay] = useState({ timeZone: '', today: '' });
  useEffect(() => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    setDay({ timeZone, today });
  }, []);
  return day;
}

export function CadenceFields({
  id,
  className,
  kind,
  onKindChange,
  values,
  today,
  errors,
}: {
  id: string;
  className: string;
  kind: string;
  onKindChange: (kind: CadenceKind) => void;
  /** What the person sent last time, so a refused form keeps their choices. */
  values: { weekdays?: string; everyDays?: string; byDate?: string };
  today: string;
  errors?: string[];
}) {
  const chosenDays = values.weekdays ? values.weekdays.split(',') : [];
  return (
    <fieldset className={className} aria-describedby={`${id}-message`}>
      <legend>How often</legend>
      {KINDS.map(([value, label]) => (
        <div key={value}>
          <label>
            <input type="radio" name="cadenceKind" value={value} checked={kind === value} onChange={() => onKindChange(value)} /> {label}
          </label>
          {value === 'weekly' && kind === 'weekly' ? (
            <div className="cadence-weekdays" role="group" aria-label="Days of the week">
              {WEEK.map(([day, dayLabel]) => (
                <label key={day}>
                  <input type="checkbox" name="weekday" value={day} defaultChecked={chosenDays.includes(String(day))} /> {dayLabel}
                </label>
              ))}
            </div>
          ) : null}
          {value === 'every' && kind === 'every' ? (
            <label className="cadence-inline">
              Every <input type="number" name="everyDays" min={2} max={90} defaultValue={values.everyDays || '3'} aria-label="Every how many days" /> days
            </label>
          ) : null}
          {value === 'once' && kind === 'once' ? (
            <label className="cadence-inline">
              By <input type="date" name="byDate" defaultValue={values.byDate ?? ''} min={today || undefined} aria-label="Done by" />
            </label>
          ) : null}
        </div>
      ))}
      <FieldMessage id={`${id}-message`} errors={errors} />
    </fieldset>
  );
}
