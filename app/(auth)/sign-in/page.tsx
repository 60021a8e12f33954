import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getViewer } from '../../_lib/viewer';
import { safeReturnPath } from '../../_lib/safe-return-path';
import { SignInForm } from '../auth-forms';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; signedOut?: string }> }) {
  const params = await searchParams;
  const next = safeReturnPath(params.next, '/space');
  if (await getViewer()) redirect(next);
  return (
    <main className="container narrow">
      <hgroup>
        <h1>Sign in</h1>
        <p>Welcome back. Take your time.</p>
      </hgroup>
      {params.signedOut ? <p className="notice notice-info" role="status">You are signed out.</p> : null}
      <SignInForm next={next} />
    </main>
  );
}
