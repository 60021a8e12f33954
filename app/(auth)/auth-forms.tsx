'use client';
import Link from 'next/link';
import { useActionState, useState } from 'react';
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
        Already have an account? <Link href={`/sign-in${next !== '/home' ? `?next=${encodeURIComponent(next)}` : ''}`}>Sign in</Link>
      </p>
    </form>
  );
}

export function SignInForm({ next }: { next: string }) {
  const [state, action] = useActionState(signInAction, initialActionState);
  // Kept in state (React clears a form's own fields after each submit): the second step sends the
  // email and password again with the code, since no session exists between the two steps.
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const needCode = state.data?.needCode === '1';
  return (
    <form action={action} noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      {needCode && !state.message ? (
        <p className="notice notice-info" role="status">
          This account uses two-step sign-in. Enter the six-digit code from your authenticator app.
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        errors={state.fieldErrors?.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        errors={state.fieldErrors?.password}
      />
      {needCode ? (
        <Field
          label="Code from your authenticator app"
          name="code"
          autoComplete="one-time-code"
          autoFocus
          required
          spellCheck={false}
          errors={state.fieldErrors?.code}
          hint="Six digits, or one of your recovery codes."
        />
      ) : null}
      <SubmitButton pendingText="Signing in…">{needCode ? 'Continue' : 'Sign in'}</SubmitButton>
      <p className="muted">
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p className="muted">
        New to Mend? <Link href={`/sign-up${next !== '/home' ? `?next=${encodeURIComponent(next)}` : ''}`}>Create an account</Link>
      </p>
    </form>
  );
}
