'use client';
import { useActionState, useEffect, useState } from 'react';
import { CadenceFields, useBrowserDay } from './cadence-fields';
import { FieldMessage, FormMessage } from '../../_components/field';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState, type ActionState } from '../../_lib/action-result';
import { changeCommitmentAction, checkInAction, commitmentStepAction, createCommitmentAction, listClausesAction } from './actions';

const TEXT_MAX = 500;
const NOTE_MAX = 1000;
export interface AgreementChoice {
  id: string;
  title: string;
}

/**
 * "I will …", calmly: the words, how often, from when, an optional review date and an optional
 * agreement clause it keeps. With a partner, it can instead ask them for a commitment.
 */
export function NewCommitmentForm({
  agreements,
  partnerName,
  initialText = '',
  conversationId,
}: {
  agreements: AgreementChoice[];
  partnerName: string | null;
  initialText?: string;
  conversationId?: string;
}) {
  const [state, action] = useActionState(createCommitmentAction, initialActionState);
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const { timeZone, today } = useBrowserDay();
  const [kind, setKind] = useState(values.cadenceKind || 'daily');
  const [who, setWho] = useState(values.who || 'me');
  const [agreementId, setAgreementId] = useState(values.agreementId ?? '');
  const [clauses, setClauses] = useState<{ loading: boolean; list: Array<{ value: string; text: string }>; message?: string }>({ loading: false, list: [] });

  useEffect(() => {
    if (!agreementId) {
      setClauses({ loading: false, list: [] });
      return;
    }
    let current = true;
    setClauses({ loading: true, list: [] });
    void listClausesAction(agreementId).then((result) => {
      if (current) setClauses({ loading: false, list: result.clauses, message: result.message });
    });
    return () => {
      current = false;
    };
  }, [agreementId]);

  return (
    <form action={action} noValidate className="commitment-form" aria-label="New commitment">
      <FormMessage ok={state.ok} message={state.message} />
      <input type="hidden" name="timeZone" value={timeZone} />
      {conversationId ? <input type="hidden" name="conversationId" value={conversationId} /> : null}
      {partnerName && !conversationId ? (
        <fieldset className="commitment-who">
          <legend>Who commits</legend>
          <label>
            <input type="radio" name="who" value="me" checked={who === 'me'} onChange={() => setWho('me')} /> I do
          </label>
          <label>
            <input type="radio" name="who" value="partner" checked={who === 'partner'} onChange={() => setWho('partner')} /> I am asking {partnerName}
          </label>
        </fieldset>
      ) : null}
      <label htmlFor="commitment-text">
        {who === 'partner' ? `What are you asking ${partnerName} to do?` : 'I will …'}
        <textarea
          id="commitment-text"
          name="text"
          rows={2}
          maxLength={TEXT_MAX + 100}
          defaultValue={values.text ?? initialText}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby="commitment-text-message"
          placeholder={who === 'partner' ? 'e.g. tell me when plans change' : 'e.g. put my phone away at dinner'}
        />
        <FieldMessage id="commitment-text-message" errors={errors.text} hint={`In your own words, up to ${TEXT_MAX} characters.`} />
      </label>

      <CadenceFields id="commitment-cadence" className="commitment-cadence" kind={kind} onKindChange={setKind} values={values} today={today} errors={errors.cadence} />

      <div className="commitment-dates">
        <label htmlFor="commitment-start">
          Starting
          <input
            id="commitment-start"
            type="date"
            name="startDate"
            key={today}
            defaultValue={values.startDate || today}
            min={today || undefined}
            aria-invalid={errors.startDate ? true : undefined}
            aria-describedby="commitment-start-message"
          />
          <FieldMessage id="commitment-start-message" errors={errors.startDate} />
        </label>
        <label htmlFor="commitment-review">
          Look back together on <span className="muted">(optional)</span>
          <input id="commitment-review" type="date" name="reviewDate" defaultValue={values.reviewDate ?? ''} min={today || undefined} aria-invalid={errors.reviewDate ? true : undefined} aria-describedby="commitment-review-message" />
          <FieldMessage id="commitment-review-message" errors={errors.reviewDate} />
        </label>
      </div>

      {agreements.length ? (
        <div className="commitment-clause">
          <label htmlFor="commitment-agreement">
            It keeps a clause of <span className="muted">(optional)</span>
            <select id="commitment-agreement" name="agreementId" value={agreementId} onChange={(event) => setAgreementId(event.target.value)}>
              <option value="">No agreement</option>
              {agreements.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title}
                </option>
              ))}
            </select>
          </label>
          {agreementId ? (
            <label htmlFor="commitment-clause">
              Clause
              <select id="commitment-clause" name="clause" defaultValue={values.clause ?? ''} disabled={clauses.loading} aria-invalid={errors.clause ? true : undefined} aria-describedby="commitment-clause-message">
                <option value="">{clauses.loading ? 'Reading the agreement…' : clauses.list.length ? 'Choose a clause' : 'This agreement has no text yet'}</option>
                {clauses.list.map((clause) => (
                  <option key={clause.value} value={clause.value}>
                    {clause.text.length > 140 ? `${clause.text.slice(0, 139)}…` : clause.text}
                  </option>
                ))}
              </select>
              <FieldMessage id="commitment-clause-message" errors={errors.clause ?? (clauses.message ? [clauses.message] : undefined)} hint="Its words as they are now are kept with the commitment." />
            </label>
          ) : null}
        </div>
      ) : null}
      <FieldMessage id="commitment-zone-message" errors={errors.timeZone} />
      <SubmitButton pendingText="Saving…">{who === 'partner' ? `Ask ${partnerName}` : 'Make this commitment'}</SubmitButton>
    </form>
  );
}

/** One person's view of one period: kept, partly or not yet, with an optional note. */
export function CheckInForm({ commitmentId, periodStart, legend, hint }: { commitmentId: string; periodStart: string; legend: string; hint: string }) {
  const [state, action] = useActionState(checkInAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  const id = `check-in-${periodStart}`;
  return (
    <form action={action} noValidate className="commitment-check-in-form" aria-label={legend}>
      <input type="hidden" name="commitmentId" value={commitmentId} />
      <input type="hidden" name="periodStart" value={periodStart} />
      <fieldset aria-describedby={`${id}-message`}>
        <legend>{legend}</legend>
        <div className="commitment-values">
          {(
            [
              ['kept', 'Kept'],
              ['partly', 'Partly'],
              ['not-yet', 'Not yet'],
            ] as const
          ).map(([value, label]) => (
            <label key={value}>
              <input type="radio" name="value" value={value} defaultChecked={state.values?.value === value} /> {label}
            </label>
          ))}
        </div>
        <FieldMessage id={`${id}-message`} errors={errors.value ?? errors.periodStart} hint={hint} />
      </fieldset>
      <label htmlFor={`${id}-note`}>
        A few words <span className="muted">(optional)</span>
        <textarea id={`${id}-note`} name="note" rows={2} maxLength={NOTE_MAX + 100} defaultValue={state.values?.note ?? ''} aria-invalid={errors.note ? true : undefined} />
        <FieldMessage id={`${id}-note-message`} errors={errors.note} />
      </label>
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pendingText="Saving…">Give my view</SubmitButton>
    </form>
  );
}

type Step = 'accept' | 'decline' | 'pause' | 'resume' | 'complete';

/** A step with an optional note: answering an ask, pausing, resuming, completing. */
export function StepForm({ commitmentId, step, label, noteLabel, className }: { commitmentId: string; step: Step; label: string; noteLabel?: string; className?: string }) {
  const [state, action] = useActionState<ActionState, FormData>(commitmentStepAction, initialActionState);
  const { timeZone } = useBrowserDay();
  return (
    <form action={action} noValidate className="commitment-step-form">
      <input type="hidden" name="commitmentId" value={commitmentId} />
      <input type="hidden" name="step" value={step} />
      {step === 'accept' ? <input type="hidden" name="timeZone" value={timeZone} /> : null}
      {noteLabel ? (
        <label htmlFor={`step-${step}-note`}>
          {noteLabel} <span className="muted">(optional)</span>
          <textarea id={`step-${step}-note`} name="note" rows={2} maxLength={NOTE_MAX + 100} defaultValue={state.values?.note ?? ''} aria-invalid={state.fieldErrors?.note ? true : undefined} />
          <FieldMessage id={`step-${step}-note-message`} errors={state.fieldErrors?.note} />
        </label>
      ) : null}
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton className={className} pendingText="Saving…">
        {label}
      </SubmitButton>
    </form>
  );
}

/** New words for the commitment: a new version, the old ones kept. */
export function ChangeForm({ commitmentId, text }: { commitmentId: string; text: string }) {
  const [state, action] = useActionState(changeCommitmentAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="commitment-step-form">
      <input type="hidden" name="commitmentId" value={commitmentId} />
      <label htmlFor="change-text">
        New words
        <textarea id="change-text" name="text" rows={2} maxLength={TEXT_MAX + 100} defaultValue={state.values?.text ?? text} aria-invalid={errors.text ? true : undefined} />
        <FieldMessage id="change-text-message" errors={errors.text} />
      </label>
      <label htmlFor="change-note">
        Why <span className="muted">(optional)</span>
        <textarea id="change-note" name="note" rows={2} maxLength={NOTE_MAX + 100} defaultValue={state.values?.note ?? ''} />
        <FieldMessage id="change-note-message" errors={errors.note} />
      </label>
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton className="secondary" pendingText="Saving…">
        Save new words
      </SubmitButton>
    </form>
  );
}
