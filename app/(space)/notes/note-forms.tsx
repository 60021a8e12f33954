'use client';
import { useActionState, useEffect, useRef, useState } from 'react';
import { FormMessage } from '../../_components/field';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState } from '../../_lib/action-result';
import type { Feeling } from '@/server/domain/feelings/feeling-input';
import { WHAT_I_NEED_MAX_LENGTH, REPLY_MAX_LENGTH, ACKNOWLEDGEMENT_MAX_LENGTH } from '@/server/domain/notes/note-input';
import { acknowledgeNoteAction, autosaveNoteDraftAction, createNoteAction, deleteNoteDraftAction, replyToNoteAction, retractNoteAction, saveOrShareNoteAction } from './actions';
import { FeelingsPicker, parseFeelings } from './feelings-picker';

function WhatINeed({ defaultValue, errors }: { defaultValue: string; errors?: string[] }) {
  return <WhatINeedInput defaultValue={defaultValue} errors={errors} />;
}

function WhatINeedInput({ defaultValue, errors, onChange }: { defaultValue: string; errors?: string[]; onChange?: (value: string) => void }) {
  return (
    <label htmlFor="field-whatINeed">
      What I need <span className="muted">(optional)</span>
      <textarea
        id="field-whatINeed"
        name="whatINeed"
        rows={3}
        maxLength={WHAT_I_NEED_MAX_LENGTH + 200}
        defaultValue={defaultValue}
        onChange={onChange ? (event) => onChange(event.target.value) : undefined}
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

/**
 * A draft's feelings and need. Changes save themselves a moment after the author stops (like the
 * text above them); "Share" saves and shares at once. When the same draft changes on another of the
 * author's devices, the page is refreshed live and this form takes the new values, unless the author
 * is in the middle of changing it here.
 */
export function DraftNoteForm({ noteId, feelings, whatINeed, partnerName }: { noteId: string; feelings: Feeling[]; whatINeed: string; partnerName: string }) {
  const [state, action] = useActionState(saveOrShareNoteAction, initialActionState);
  const serverValues = JSON.stringify({ feelings, whatINeed });
  const [shown, setShown] = useState({ feelings, whatINeed, version: 0 });
  const [autosave, setAutosave] = useState<{ status: 'idle' | 'pending' | 'saved' | 'problem'; message?: string; fieldErrors?: Record<string, string[] | undefined> }>({ status: 'idle' });
  const current = useRef({ feelings, whatINeed });
  const lastSaved = useRef(serverValues);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (serverValues === lastSaved.current || timer.current) return;
    // Changed elsewhere (another device) while nothing is pending here: show the new values.
    lastSaved.current = serverValues;
    current.current = { feelings, whatINeed };
    setShown((previous) => ({ feelings, whatINeed, version: previous.version + 1 }));
  }, [serverValues, feelings, whatINeed]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const scheduleSave = () => {
    if (timer.current) clearTimeout(timer.current);
    setAutosave({ status: 'pending' });
    timer.current = setTimeout(() => {
      const values = { ...current.current };
      void autosaveNoteDraftAction(noteId, JSON.stringify(values.feelings), values.whatINeed).then(
        (result) => {
          timer.current = null;
          // As the server stores it (trimmed), so its echo is recognised as this save, not a change elsewhere.
          if (result.ok) lastSaved.current = JSON.stringify({ feelings: values.feelings, whatINeed: values.whatINeed.trim() });
          setAutosave(result.ok ? { status: 'saved' } : { status: 'problem', message: result.message, fieldErrors: result.fieldErrors });
        },
        () => {
          timer.current = null;
          setAutosave({ status: 'problem', message: 'Could not save just now. Your changes are still here; try “Save draft”.' });
        },
      );
    }, 1200);
  };

  const fieldErrors = autosave.status === 'problem' ? autosave.fieldErrors : state.fieldErrors;
  return (
    <form action={action} noValidate className="note-form">
      <input type="hidden" name="noteId" value={noteId} />
      <FeelingsPicker
        key={`picker-${shown.version}-${state.values?.feelings ?? ''}`}
        initial={parseFeelings(state.values?.feelings, shown.feelings)}
        errors={fieldErrors?.feelings}
        onChange={(next) => {
          current.current = { ...current.current, feelings: next };
          scheduleSave();
        }}
      />
      <WhatINeedInput
        key={`need-${shown.version}`}
        defaultValue={state.values?.whatINeed ?? shown.whatINeed}
        errors={fieldErrors?.whatINeed}
        onChange={(value) => {
          current.current = { ...current.current, whatINeed: value };
          scheduleSave();
        }}
      />
      <p className="muted small autosave-status" role="status" data-testid="autosave-status">
        {autosave.status === 'pending' ? 'Saving…' : autosave.status === 'saved' ? 'Saved. Only you can see this draft.' : autosave.status === 'problem' ? (autosave.fieldErrors ? 'Not saved yet: see the message above.' : autosave.message) : 'Changes save as you go.'}
      </p>
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
