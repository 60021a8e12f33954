'use client';
import { useActionState, useEffect, useState } from 'react';
import { CadenceFields, useBrowserDay } from '../commitments/cadence-fields';
import { FieldMessage, FormMessage } from '../../_components/field';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState } from '../../_lib/action-result';
import { HOW_IT_AFFECTED_MAX_LENGTH, RECEIVED_WORDS_MAX_LENGTH, WHAT_I_DID_MAX_LENGTH } from '@/server/domain/amends/amend-input';
import { COMMITMENT_TEXT_MAX } from '@/server/domain/commitments/commitment-input';
import { createAmendAction, deleteAmendDraftAction, receiveAmendAction, saveHowItAffectedMeAction, saveOrOfferAmendAction, withdrawAmendAction } from './actions';

export interface CommitmentChoice {
  id: string;
  text: string;
  /** e.g. "every day" or "paused" */
  detail: string;
}

interface DraftFormProps {
  partnerName: string;
  commitments: CommitmentChoice[];
  /** Absent for a new amend. */
  amendId?: string;
  whatIDid?: string;
  howItAffectedYou?: string;
  linkedIds?: string[];
}

/**
 * An amend's words and what repairs it: the author's own commitments to link, or a new "I will …"
 * made here. For a new amend the button starts the draft; for a draft, "Save draft" and "Offer".
 */
export function AmendDraftForm({ partnerName, commitments, amendId, whatIDid = '', howItAffectedYou = '', linkedIds = [] }: DraftFormProps) {
  const [state, action] = useActionState(amendId ? saveOrOfferAmendAction : createAmendAction, initialActionState);
  const values = state.ok ? {} : (state.values ?? {});
  const errors = state.fieldErrors ?? {};
  const { timeZone, today } = useBrowserDay();
  const [kind, setKind] = useState(values.cadenceKind || 'daily');
  const checked = values.commitmentIds !== undefined ? values.commitmentIds.split(',').filter(Boolean) : linkedIds;
  const newCommitmentOpen = Boolean(values.commitmentText) || Object.keys(errors).some((key) => key.startsWith('commitment') && key !== 'commitmentIds') || commitments.length === 0;
  // After a save the server's values are the truth again: a new form, so nothing typed before lingers.
  const formKey = state.ok ? `saved-${state.message}-${linkedIds.join(',')}` : 'editing';

  return (
    <form key={formKey} action={action} noValidate className="amend-form" aria-label={amendId ? 'Draft amend' : 'New amend'}>
      {amendId ? <input type="hidden" name="amendId" value={amendId} /> : null}
      <input type="hidden" name="timeZone" value={timeZone} />
      <label htmlFor="amend-what">
        What I did
        <textarea
          id="amend-what"
          name="whatIDid"
          rows={5}
          maxLength={WHAT_I_DID_MAX_LENGTH + 200}
          defaultValue={values.whatIDid ?? whatIDid}
          aria-invalid={errors.whatIDid ? true : undefined}
          aria-describedby="amend-what-message"
          placeholder="In your own words, plainly, without explaining it away."
        />
        <FieldMessage id="amend-what-message" errors={errors.whatIDid} hint={`Up to ${WHAT_I_DID_MAX_LENGTH} characters.`} />
      </label>
      <label htmlFor="amend-affected">
        How I understand it affected you <span className="muted">(optional)</span>
        <textarea
          id="amend-affected"
          name="howItAffectedYou"
          rows={4}
          maxLength={HOW_IT_AFFECTED_MAX_LENGTH + 200}
          defaultValue={values.howItAffectedYou ?? howItAffectedYou}
          aria-invalid={errors.howItAffectedYou ? true : undefined}
          aria-describedby="amend-affected-message"
        />
        <FieldMessage id="amend-affected-message" errors={errors.howItAffectedYou} hint={`${partnerName} can add how it affected them, in their own words, beside yours.`} />
      </label>

      <fieldset className="amend-commitments" aria-describedby="amend-commitments-message">
        <legend>What I am doing to repair it</legend>
        {commitments.length ? (
          <ul className="plain amend-commitment-choices">
            {commitments.map((c) => (
              <li key={c.id}>
                <label>
                  <input type="checkbox" name="commitmentId" value={c.id} defaultChecked={checked.includes(c.id)} /> {c.text} <span className="muted small">· {c.detail}</span>
                </label>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">You have no commitments yet. You can make one here.</p>
        )}
        <FieldMessage id="amend-commitments-message" errors={errors.commitmentIds} />
        <details className="amend-new-commitment" open={newCommitmentOpen}>
          <summary>Make a new commitment</summary>
          <label htmlFor="amend-commitment-text">
            I will …
            <textarea
              id="amend-commitment-text"
              name="commitmentText"
              rows={2}
              maxLength={COMMITMENT_TEXT_MAX + 100}
              defaultValue={values.commitmentText ?? ''}
              aria-invalid={errors.commitmentText ? true : undefined}
              aria-describedby="amend-commitment-text-message"
              placeholder="e.g. tell you where I am when plans change"
            />
            <FieldMessage id="amend-commitment-text-message" errors={errors.commitmentText} hint={`Leave it empty to make none. ${partnerName} sees a commitment as soon as you make it, even while this amend is a private draft.`} />
          </label>
          <CadenceFields id="amend-cadence" className="amend-cadence" kind={kind} onKindChange={setKind} values={values} today={today} errors={errors.commitmentCadence} />
          <label htmlFor="amend-commitment-start">
            Starting
            <input
              id="amend-commitment-start"
              type="date"
              name="startDate"
              key={today}
              defaultValue={values.startDate || today}
              min={today || undefined}
              aria-invalid={errors.commitmentStartDate ? true : undefined}
              aria-describedby="amend-commitment-start-message"
            />
            <FieldMessage id="amend-commitment-start-message" errors={errors.commitmentStartDate ?? errors.commitmentTimeZone} />
          </label>
        </details>
      </fieldset>

      <FormMessage ok={state.ok} message={state.message} />
      {amendId ? (
        <>
          <div className="button-row">
            <SubmitButton name="intent" value="save" className="secondary" pendingText="Saving…">
              Save draft
            </SubmitButton>
            <SubmitButton name="intent" value="offer" pendingText="Offering…">
              Offer to {partnerName}
            </SubmitButton>
          </div>
          <p className="muted small">Offering saves these changes too. {partnerName} will be able to read it at once, and its words will stay as offered. You can withdraw it later.</p>
        </>
      ) : (
        <>
          <p className="muted small">It stays a private draft, seen only by you, until you offer it.</p>
          <SubmitButton pendingText="Saving…">Save as a draft</SubmitButton>
        </>
      )}
    </form>
  );
}

export function DeleteAmendDraftForm({ amendId }: { amendId: string }) {
  const [state, action] = useActionState(deleteAmendDraftAction, initialActionState);
  return (
    <details className="danger-zone">
      <summary>Delete this draft</summary>
      <form action={action}>
        <input type="hidden" name="amendId" value={amendId} />
        <FormMessage ok={state.ok} message={state.message} />
        <label>
          <input type="checkbox" name="confirm" value="yes" aria-invalid={state.fieldErrors?.confirm ? true : undefined} /> Delete it for good (the commitments it links to stay)
        </label>
        <SubmitButton className="secondary" pendingText="Deleting…">
          Delete draft
        </SubmitButton>
      </form>
    </details>
  );
}

export function WithdrawAmendForm({ amendId, partnerName }: { amendId: string; partnerName: string }) {
  const [state, action] = useActionState(withdrawAmendAction, initialActionState);
  return (
    <details className="danger-zone">
      <summary>Withdraw this amend</summary>
      <form action={action}>
        <input type="hidden" name="amendId" value={amendId} />
        <p className="muted">{partnerName} will no longer be able to read it; they will see only that an amend was withdrawn.</p>
        <FormMessage ok={state.ok} message={state.message} />
        <SubmitButton className="secondary" pendingText="Withdrawing…">
          Withdraw amend
        </SubmitButton>
      </form>
    </details>
  );
}

/** "I received this", with optional words. It says the amend reached them, and nothing more. */
export function ReceiveAmendForm({ amendId }: { amendId: string }) {
  const [state, action] = useActionState(receiveAmendAction, initialActionState);
  return (
    <form action={action} noValidate className="amend-receive-form">
      <input type="hidden" name="amendId" value={amendId} />
      <label htmlFor="amend-received-words">
        A few words of your own <span className="muted">(optional)</span>
        <textarea
          id="amend-received-words"
          name="words"
          rows={2}
          maxLength={RECEIVED_WORDS_MAX_LENGTH + 100}
          defaultValue={state.values?.words ?? ''}
          aria-invalid={state.fieldErrors?.words ? true : undefined}
          aria-describedby="amend-received-words-message"
        />
        <FieldMessage id="amend-received-words-message" errors={state.fieldErrors?.words} hint="Saying you received it tells them it reached you. It asks nothing more of you." />
      </label>
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pendingText="Sending…">I received this</SubmitButton>
    </form>
  );
}

/** The partner's own words for how it affected them, shown beside the author's understanding. */
export function HowItAffectedMeForm({ amendId, current }: { amendId: string; current: string | null }) {
  const [state, action] = useActionState(saveHowItAffectedMeAction, initialActionState);
  const [editing, setEditing] = useState(current === null);
  useEffect(() => {
    if (state.ok) setEditing(false);
  }, [state]);
  if (!editing && current !== null) {
    return (
      <div>
        <p className="amend-words" data-testid="partner-affected">{current}</p>
        {state.ok ? <FormMessage ok message={state.message} /> : null}
        <button type="button" className="secondary outline amend-small-button" onClick={() => setEditing(true)}>
          Change my words
        </button>
      </div>
    );
  }
  return (
    <form action={action} noValidate className="amend-affected-form">
      <input type="hidden" name="amendId" value={amendId} />
      <label htmlFor="amend-affected-me">
        My words
        <textarea
          id="amend-affected-me"
          name="text"
          rows={4}
          maxLength={HOW_IT_AFFECTED_MAX_LENGTH + 200}
          defaultValue={state.values?.text ?? current ?? ''}
          aria-invalid={state.fieldErrors?.text ? true : undefined}
          aria-describedby="amend-affected-me-message"
        />
        <FieldMessage id="amend-affected-me-message" errors={state.fieldErrors?.text} hint="In your own words, whenever you are ready. You can change them later." />
      </label>
      {state.ok ? null : <FormMessage ok={false} message={state.fieldErrors ? undefined : state.message} />}
      <div className="button-row">
        <SubmitButton className="secondary" pendingText="Saving…">
          Save my words
        </SubmitButton>
        {current !== null ? (
          <button type="button" className="link-button" onClick={() => setEditing(false)}>
            Keep them as they are
          </button>
        ) : null}
      </div>
    </form>
  );
}
