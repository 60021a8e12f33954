'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { Field, FormMessage } from '../_components/field';
import { SubmitButton } from '../_components/submit-button';
import { initialActionState } from '../_lib/action-result';
import { forgotPasswordAction, resetPasswordAction } from './recovery-actions';

export function ForgotPasswordForm() {
  const [state, action] = useActionState(forgotPasswordAction, initialActionState);
  return (
    <form action={action} noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <SubmitButton pendingText="Sending…">Send me a link</SubmitButton>
      <p className="muted">
        Remembered it? <Link href="/sign-in">Sign in</Link>
      </p>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPasswordAction, initialActionState);
  return (
    <form action={action} noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      <input type="hidden" name="token" value={token} />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        errors={state.fieldErrors?.password}
        hint="At least 10 characters. Every device signed in to your account will be signed out."
      />
      <SubmitButton pendingText="Saving…">Save new password</SubmitButton>
      {state.message ? (
        <p>
          <Link href="/forgot-password">Ask for a new link</Link>
        </p>
      ) : null}
    </form>
  );
}
