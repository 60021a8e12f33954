'use client';
import { useActionState } from 'react';
import { Field, FormMessage } from '../../_components/field';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState } from '../../_lib/action-result';
import type { Feeling } from '@/server/domain/feelings/feeling-input';
import { FeelingsPicker, parseFeelings } from '../notes/feelings-picker';
import { createJournalEntryAction, deleteJournalEntryAction, updateJournalEntryAction } from './actions';

export function NewJournalEntryForm({ today }: { today: string }) {
  const [state, action] = useActionState(createJournalEntryAction, initialActionState);
  return (
    <form action={action} noValidate className="journal-form">
      <FormMessage ok={state.ok} message={state.message} />
      <Field label="Date" name="entryDate" type="date" required defaultValue={state.values?.entryDate ?? today} errors={state.fieldErrors?.entryDate} />
      <details className="journal-feelings">
        <summary>Name some feelings (optional)</summary>
        <FeelingsPicker key={state.values?.feelings ?? ''} initial={parseFeelings(state.values?.feelings, [])} errors={state.fieldErrors?.feelings} legend="Feelings today" />
      </details>
      <SubmitButton pendingText="Opening…">Start writing</SubmitButton>
    </form>
  );
}

export function JournalEntryDetailsForm({ entryId, entryDate, feelings }: { entryId: string; entryDate: string; feelings: Feeling[] }) {
  const [state, action] = useActionState(updateJournalEntryAction, initialActionState);
  return (
    <form action={action} noValidate className="journal-form">
      <input type="hidden" name="entryId" value={entryId} />
      <Field label="Date" name="entryDate" type="date" required defaultValue={state.values?.entryDate ?? entryDate} errors={state.fieldErrors?.entryDate} />
      <FeelingsPicker key={state.values?.feelings ?? 'initial'} initial={parseFeelings(state.values?.feelings, feelings)} errors={state.fieldErrors?.feelings} legend="Feelings (optional)" />
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton className="secondary" pendingText="Saving…">Save date and feelings</SubmitButton>
    </form>
  );
}

export function DeleteJournalEntryForm({ entryId }: { entryId: string }) {
  const [state, action] = useActionState(deleteJournalEntryAction, initialActionState);
  return (
    <details className="danger-zone">
      <summary>Delete this entry for good</summary>
      <form action={action}>
        <input type="hidden" name="entryId" value={entryId} />
        <p className="muted">The entry and every earlier version of its text are erased from Mend. This cannot be undone.</p>
        <FormMessage ok={state.ok} message={state.message} />
        <label>
          <input type="checkbox" name="confirm" value="yes" aria-invalid={state.fieldErrors?.confirm ? true : undefined} /> Yes, erase this entry
        </label>
        <SubmitButton className="secondary" pendingText="Deleting…">Delete entry</SubmitButton>
      </form>
    </details>
  );
}
