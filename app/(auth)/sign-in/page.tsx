import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getViewer } from '../../_lib/viewer';
import { safeReturnPath } from '../../_lib/safe-return-path';
import { SignInForm } from '../auth-forms';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; signedOut?: string; passwordReset?: string; error?: string; code?: string }> }) {
  const params = await searchParams;
  const next = safeReturnPath(params.next, '/home');
  if (await getViewer()) redirect(next);
  return (
    <main className="container narrow">
      <hgroup>
        <h1>Sign in</h1>
        <p>Welcome back. Take your time.</p>
      </hgroup>
      {params.signedOut ? <p className="notice notice-info" role="status">You are signed out.</p> : null}
      {params.passwordReset ? (
        <p className="notice notice-ok" role="status">
          Your new password is saved and every device was signed out. Sign in with it when you are ready.
        </p>
      ) : null}
      {/* Only reached through next-auth's own endpoint (the form answers in place): same calm words as the form. */}
      {params.error === 'CredentialsSignin' ? (
        <p className="notice notice-error" role="alert">
          {params.code === 'paused'
            ? 'Please wait a little and try again.'
            : params.code === 'code-needed' || params.code === 'code-mismatch'
              ? 'This account uses two-step sign-in: sign in with the form below, which asks for the code.'
              : 'That email and password do not match an account. Please check them and try again.'}
        </p>
      ) : null}
      <SignInForm next={next} />
    </main>
  );
}
