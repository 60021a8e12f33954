'use client';
import { useActionState, useEffect, useState } from 'react';
import { Field, FormMessage } from '../../_components/field';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState } from '../../_lib/action-result';
import { saveNoticePreferencesAction } from './notice-actions';

export interface NoticePreferencesFormProps {
  kinds: { kind: string; label: string }[];
  initial: { email: string[]; push: string[]; quietStart: string; quietEnd: string; timeZone: string; appName: string };
  timeZones: string[];
}

export function NoticePreferencesForm({ kinds, initial, timeZones }: NoticePreferencesFormProps) {
  const [state, action] = useActionState(saveNoticePreferencesAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  const [timeZone, setTimeZone] = useState(state.values?.timeZone ?? initial.timeZone);
  // Someone who never chose a time zone most likely lives in the one their browser is set to.
  useEffect(() => {
    if (initial.timeZone !== 'UTC') return;
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (local && timeZones.includes(local)) setTimeZone(local);
  }, [initial.timeZone, timeZones]);
  return (
    <form action={action} aria-label="Notices">
      <table>
        <thead>
          <tr>
            <th scope="col">Tell me when…</th>
            <th scope="col">By email</th>
            <th scope="col">On my devices</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map(({ kind, label }) => (
            <tr key={kind}>
              <th scope="row">{label}</th>
              <td>
                <input type="checkbox" name="email" value={kind} defaultChecked={initial.email.includes(kind)} aria-label={`By email: ${label}`} />
              </td>
              <td>
                <input type="checkbox" name="push" value={kind} defaultChecked={initial.push.includes(kind)} aria-label={`On my devices: ${label}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">At most one email and one device notice of each kind every three hours.</p>
      <fieldset>
        <legend>Quiet hours: nothing is sent between these times, and what came up waits until they end.</legend>
        <div className="grid">
          <Field label="Quiet from" name="quietStart" type="time" defaultValue={state.values?.quietStart ?? initial.quietStart} errors={errors.quietStart} />
          <Field label="Quiet until" name="quietEnd" type="time" defaultValue={state.values?.quietEnd ?? initial.quietEnd} errors={errors.quietEnd} />
        </div>
        <label htmlFor="field-timeZone">
          Your time zone
          <select id="field-timeZone" name="timeZone" value={timeZone} onChange={(event) => setTimeZone(event.target.value)} aria-invalid={errors.timeZone ? true : undefined}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          {errors.timeZone ? <small>{errors.timeZone[0]}</small> : null}
        </label>
      </fieldset>
      <Field
        label="Name notices use for the app"
        name="appName"
        maxLength={40}
        defaultValue={state.values?.appName ?? initial.appName}
        errors={errors.appName}
        hint="Anyone who sees your screen or inbox sees this name. Choose something that says nothing, like “Weather” or “Notes”."
      />
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pendingText="Saving…">Save notice choices</SubmitButton>
    </form>
  );
}
