'use client';
import { useActionState, useEffect, useRef } from 'react';
import { FormMessage } from '../../_components/field';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState } from '../../_lib/action-result';
import type { Feeling } from '@/server/domain/feelings/feeling-input';
import { WHAT_I_NEED_MAX_LENGTH, REPLY_MAX_LENGTH, ACKNOWLEDGEMENT_MAX_LENGTH } from '@/server/domain/notes/note-input';
import { acknowledgeNoteAction, createNoteAction, deleteNoteDraftAction, replyToNoteAction, retractNoteAction, saveOrShareNoteAction } from './actions';
import { FeelingsPicker } from './feelings-picker';

function parseFeelings(raw: string | undefined, fallback: Feeling[]): Feeling[] {
  if (!raw) return fallback;
  try {
    const parsed = JSON.parse(raw) as Feeling[];
    return Array.isArray(parsed) ? parsed : fallback;
  } catch {
    return fallback;
  }
}

function WhatINeed({ defaultValue, errors }: { defaultValue: string; errors?: string[] }) {
  return (
    <label htmlFor="field-whatINeed">
      What I need <span className="muted">(optional)</span>
      <textarea
        id="field-whatINeed"
        name="whatINeed"
        rows={3}
        maxLength={WHAT_I_NEED_MAX_LENGTH + 200}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby="field-whatINeed-message"
        placeholder="e.g. some time to talk this weekend, without phones"
      />
      <small id="field-whatINeed-message" className={errors?.length ? 'field-error' : undefined}>
        {errors?.[0] ?? 'A request, not a demand. Your partner can answer in the thread.'}
      </small>
    </label>
  );
}

export function NewNoteForm() {
  const [state, action] = useActionState(createNoteAction, initialActionState);
  // A new form element each time the server answers with errors, so the picker restarts from what was sent.
  return (
    <form action={action} noValidate className="note-form">
      <FormMessage ok={state.ok} message={state.message} />
      <FeelingsPicker key={state.values?.feelings ?? ''} initial={parseFeelings(state.values?.feelings, [])} errors={state.fieldErrors?.feelings} hint="Pick as many as fit, or write your own. You choose how strong each one is." />
      <WhatINeed defaultValue={state.values?.whatINeed ?? ''} errors={state.fieldErrors?.whatINeed} />
      <p className="muted small">Next you can write what happened. The note stays a private draft until you share it.</p>
      <SubmitButton pendingText="Saving…">Continue</SubmitButton>
    </form>
  );
}

export function DraftNoteForm({ noteId, feelings, whatINeed, partnerName }: { noteId: string; feelings: Feeling[]; whatINeed: string; partnerName: string }) {
  const [state, action] = useActionState(saveOrShareNoteAction, initialActionState);
  return (
    <form action={action} noValidate className="note-form">
      <input type="hidden" name="noteId" value={noteId} />
      <FeelingsPicker key={state.values?.feelings ?? 'initial'} initial={parseFeelings(state.values?.feelings, feelings)} errors={state.fieldErrors?.feelings} />
      <WhatINeed defaultValue={state.values?.whatINeed ?? whatINeed} errors={state.fieldErrors?.whatINeed} />
      <FormMessage ok={state.ok} message={state.message} />
      <div className="button-row">
        <SubmitButton name="intent" value="save" className="secondary" pendingText="Saving…">Save draft</SubmitButton>
        <SubmitButton name="intent" value="share" pendingText="Sharing…">Share with {partnerName}</SubmitButton>
      </div>
      <p className="muted small">Sharing saves these changes too. {partnerName} will see the note at once; you can retract it later.</p>
    </form>
  );
}

export function DeleteDraftForm({ noteId }: { noteId: string }) {
  const [state, action] = useActionState(deleteNoteDraftAction, initialActionState);
  return (
    <details className="danger-zone">
      <summary>Delete this draft</summary>
      <form action={action}>
        <input type="hidden" name="noteId" value={noteId} />
        <FormMessage ok={state.ok} message={state.message} />
        <label>
          <input type="checkbox" name="confirm" value="yes" aria-invalid={state.fieldErrors?.confirm ? true : undefined} /> Delete it for good, with everything I wrote in it
        </label>
        <SubmitButton className="secondary" pendingText="Deleting…">Delete draft</SubmitButton>
      </form>
    </details>
  );
}

export function RetractNoteForm({ noteId, partnerName }: { noteId: string; partnerName: string }) {
  const [state, action] = useActionState(retractNoteAction, initialActionState);
  return (
    <details className="danger-zone">
      <summary>Retract this note</summary>
      <form action={action}>
        <input type="hidden" name="noteId" value={noteId} />
        <p className="muted">{partnerName} will no longer be able to read it; they will see that a note was retracted.</p>
        <FormMessage ok={state.ok} message={state.message} />
        <SubmitButton className="secondary" pendingText="Retracting…">Retract note</SubmitButton>
      </form>
    </details>
  );
}

export function AcknowledgeForm({ noteId }: { noteId: string }) {
  const [state, action] = useActionState(acknowledgeNoteAction, initialActionState);
  return (
    <form action={action} noValidate className="acknowledge-form">
      <input type="hidden" name="noteId" value={noteId} />
      <label htmlFor="field-response">
        A short response <span className="muted">(optional)</span>
        <textarea id="field-response" name="response" rows={2} maxLength={ACKNOWLEDGEMENT_MAX_LENGTH + 100} defaultValue={state.values?.response ?? ''} aria-invalid={state.fieldErrors?.response ? true : undefined} aria-describedby="field-response-message" placeholder="e.g. Thank you for telling me." />
        <small id="field-response-message" className={state.fieldErrors?.response ? 'field-error' : undefined}>{state.fieldErrors?.response?.[0] ?? 'Acknowledging says “I read this”. It does not mean you agree.'}</small>
      </label>
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pendingText="Sending…">I read this</SubmitButton>
    </form>
  );
}

export function ReplyForm({ noteId }: { noteId: string }) {
  const [state, action] = useActionState(replyToNoteAction, initialActionState);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} noValidate className="reply-form">
      <input type="hidden" name="noteId" value={noteId} />
      <label htmlFor="field-body">
        Reply
        <textarea id="field-body" name="body" rows={2} maxLength={REPLY_MAX_LENGTH + 100} defaultValue={state.ok ? '' : (state.values?.body ?? '')} aria-invalid={state.fieldErrors?.body ? true : undefined} aria-describedby={state.fieldErrors?.body ? 'field-body-message' : undefined} />
        {state.fieldErrors?.body ? <small id="field-body-message" className="field-error">{state.fieldErrors.body[0]}</small> : null}
      </label>
      {state.ok ? null : <FormMessage ok={false} message={state.fieldErrors ? undefined : state.message} />}
      <SubmitButton className="secondary" pendingText="Sending…">Send reply</SubmitButton>
    </form>
  );
}
