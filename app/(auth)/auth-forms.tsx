'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { Field, FormMessage } from '../_components/field';
import { SubmitButton } from '../_components/submit-button';
import { initialActionState } from '../_lib/action-result';
import { signInAction, signUpAction } from './actions';

export function SignUpForm({ next }: { next: string }) {
  const [state, action] = useActionState(signUpAction, initialActionState);
  return (
    <form action={action} noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      <input type="hidden" name="next" value={next} />
      <Field label="Your name" name="name" autoComplete="name" required defaultValue={state.values?.name} errors={state.fieldErrors?.name} hint="Shown to your partner." />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} errors={state.fieldErrors?.password} hint="At least 10 characters." />
      <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
      <p className="muted">
        Already have an account? <Link href={`/sign-in${next !== '/space' ? `?next=${encodeURIComponent(next)}` : ''}`}>Sign in</Link>
      </p>
    </form>
  );
}

export function SignInForm({ next }: { next: string }) {
  const [state, action] = useActionState(signInAction, initialActionState);
  return (
    <form action={action} noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      <input type="hidden" name="next" value={next} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required errors={state.fieldErrors?.password} />
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
      <p className="muted">
        New to Mend? <Link href={`/sign-up${next !== '/space' ? `?next=${encodeURIComponent(next)}` : ''}`}>Create an account</Link>
      </p>
    </form>
  );
}
