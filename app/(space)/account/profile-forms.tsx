'use client';
import { useActionState } from 'react';
import { Field, FormMessage } from '../../_components/field';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState } from '../../_lib/action-result';
import { changeNameAction, changePasswordAction, confirmEmailChangeAction, requestEmailChangeAction } from './profile-actions';

export function ChangeNameForm({ name }: { name: string }) {
  const [state, action] = useActionState(changeNameAction, initialActionState);
  return (
    <form action={action} noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      <Field
        label="Your name"
        name="name"
        autoComplete="name"
        required
        maxLength={60}
        defaultValue={state.values?.name ?? name}
        errors={state.fieldErrors?.name}
        hint="Shown to your partner."
      />
      <SubmitButton className="secondary" pendingText="Saving…">Save name</SubmitButton>
    </form>
  );
}

export function ChangeEmailForm() {
  const [state, action] = useActionState(requestEmailChangeAction, initialActionState);
  return (
    <form action={action} noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      <Field id="email-change-new" label="New email address" name="newEmail" type="email" autoComplete="email" required defaultValue={state.values?.newEmail} errors={state.fieldErrors?.newEmail} />
      <Field id="email-change-password" label="Your current password" name="password" type="password" autoComplete="current-password" required errors={state.fieldErrors?.password ?? state.fieldErrors?.currentPassword} />
      <SubmitButton className="secondary" pendingText="Sending…">Send a link to the new address</SubmitButton>
    </form>
  );
}

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePasswordAction, initialActionState);
  return (
    <form action={action} noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={state.fieldErrors?.currentPassword} />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        errors={state.fieldErrors?.newPassword}
        hint="At least 10 characters. Your other devices will be signed out."
      />
      <SubmitButton className="secondary" pendingText="Saving…">Change password</SubmitButton>
    </form>
  );
}

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, action] = useActionState(confirmEmailChangeAction, initialActionState);
  if (state.ok) {
    return (
      <>
        <FormMessage ok message={state.message} />
        <p>
          <a href="/account">Back to your account</a>
        </p>
      </>
    );
  }
  return (
    <form action={action}>
      <FormMessage ok={state.ok} message={state.message} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingText="Saving…">Use this address</SubmitButton>
    </form>
  );
}
