'use client';
import { useActionState } from 'react';
import { Field, FormMessage } from '../../_components/field';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState } from '../../_lib/action-result';
import { deleteAccountAction } from './actions';

export function DeleteAccountForm() {
  const [state, action] = useActionState(deleteAccountAction, initialActionState);
  return (
    <form action={action} noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      <Field label="Your password" name="password" type="password" autoComplete="current-password" errors={state.fieldErrors?.password} />
      <Field label='Type "delete" to confirm' name="confirm" autoComplete="off" errors={state.fieldErrors?.confirm} />
      <SubmitButton className="secondary" pendingText="Deleting…">Delete my account</SubmitButton>
    </form>
  );
}
