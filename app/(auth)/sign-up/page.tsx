import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getViewer } from '../../_lib/viewer';
import { safeReturnPath } from '../../_lib/safe-return-path';
import { SignUpForm } from '../auth-forms';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeReturnPath((await searchParams).next, '/home');
  if (await getViewer()) redirect(next);
  return (
    <main className="container narrow">
      <hgroup>
        <h1>Create your account</h1>
        <p>Each of you has your own account. What you keep private stays private.</p>
      </hgroup>
      <SignUpForm next={next} />
    </main>
  );
}
