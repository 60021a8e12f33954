'use client';
import { useActionState } from 'react';
import { FormMessage } from '../../../../_components/field';
import { SubmitButton } from '../../../../_components/submit-button';
import { initialActionState, type ActionState } from '../../../../_lib/action-result';
import { REQUEST_CHANGES_MAX } from '@/server/domain/versions/request-changes-input';
import { announceSignedTogether } from './signed-together';
import { proposeVersionAction, requestChangesAction, restoreAction, signVersionAction, verifyHistoryAction } from './actions';

export function ProposeVersionForm({ agreementId, nextNumber }: { agreementId: string; nextNumber: number }) {
  const [state, action] = useActionState(proposeVersionAction, initialActionState);
  const error = state.fieldErrors?.note?.[0];
  return (
    <form action={action} noValidate>
      <input type="hidden" name="agreementId" value={agreementId} />
      <FormMessage ok={state.ok} message={state.message} />
      <label htmlFor="propose-note">
        A note for your partner (optional)
        <textarea
          id="propose-note"
          name="note"
          maxLength={500}
          rows={2}
          defaultValue={state.ok ? '' : state.values?.note}
          aria-invalid={error ? true : undefined}
          aria-describedby="propose-note-message"
          placeholder="For example: I added the part about evenings we talked about."
        />
        <small id="propose-note-message">{error ?? 'Your partner sees it with the proposal.'}</small>
      </label>
      <SubmitButton pendingText="Proposing…">Propose the current text as version {nextNumber}</SubmitButton>
    </form>
  );
}

export function SignVersionForm({ agreementId, number }: { agreementId: string; number: number }) {
  const [state, action] = useActionState(async (previous: ActionState, formData: FormData) => {
    const result = await signVersionAction(previous, formData);
    // The page re-renders without this form once signed; the moment is told before that.
    if (result.ok && result.data?.inEffect === 'yes') announceSignedTogether({ documentId: agreementId, number });
    return result;
  }, initialActionState);
  return (
    <form action={action} noValidate className="sign-form">
      <input type="hidden" name="agreementId" value={agreementId} />
      <input type="hidden" name="number" value={number} />
      <FormMessage ok={state.ok} message={state.message} />
      <p className="muted">Signing says: I agree to exactly this text.</p>
      <SubmitButton pendingText="Signing…">Sign version {number}</SubmitButton>
    </form>
  );
}

export function RequestChangesForm({ agreementId, number, proposer }: { agreementId: string; number: number; proposer: string }) {
  const [state, action] = useActionState(requestChangesAction, initialActionState);
  const error = state.fieldErrors?.comment?.[0];
  return (
    <form action={action} noValidate className="changes-form">
      <input type="hidden" name="agreementId" value={agreementId} />
      <input type="hidden" name="number" value={number} />
      <FormMessage ok={state.ok} message={state.ok ? state.message : undefined} />
      <label htmlFor={`changes-${number}`}>
        Or ask for changes
        <textarea
          id={`changes-${number}`}
          name="comment"
          rows={3}
          maxLength={REQUEST_CHANGES_MAX}
          defaultValue={state.ok ? '' : state.values?.comment}
          aria-invalid={error || (!state.ok && state.message) ? true : undefined}
          aria-describedby={`changes-${number}-message`}
          placeholder="What would you like to change, and why?"
        />
        <small id={`changes-${number}-message`} className={error || (!state.ok && state.message) ? 'field-error' : undefined}>
          {error ?? (!state.ok && state.message ? state.message : `A sentence or two. ${proposer} sees it at once, with this version.`)}
        </small>
      </label>
      <SubmitButton pendingText="Sending…" className="secondary">
        Ask for changes
      </SubmitButton>
    </form>
  );
}

export function RestoreForm({ agreementId, seq, number, label }: { agreementId: string; seq?: number; number?: number; label: string }) {
  const [state, action] = useActionState(restoreAction, initialActionState);
  return (
    <form
      action={action}
      noValidate
      onSubmit={(event) => {
        if (!window.confirm(`Restore ${label}? The agreement will say what it said then, for both of you. This is a new edit: nothing in the history is lost.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="agreementId" value={agreementId} />
      <input type="hidden" name="seq" value={seq ?? ''} />
      <input type="hidden" name="number" value={number ?? ''} />
      <SubmitButton pendingText="Restoring…" className="secondary">
        Restore {label}
      </SubmitButton>
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}

export function VerifyHistoryForm({ agreementId }: { agreementId: string }) {
  const [state, action] = useActionState(verifyHistoryAction, initialActionState);
  return (
    <form action={action} noValidate>
      <input type="hidden" name="agreementId" value={agreementId} />
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pendingText="Checking…" className="secondary">
        Verify history
      </SubmitButton>
    </form>
  );
}
