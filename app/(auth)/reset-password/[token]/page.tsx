import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/server/db/process-database';
import { passwordResetLinkState } from '@/server/domain/accounts/password-reset';
import { ResetPasswordForm } from '../../recovery-forms';

export const metadata: Metadata = { title: 'Choose a new password' };

const NOT_WORKING = {
  expired: { title: 'This link has expired', body: 'A link to choose a new password works for 30 minutes. You can ask for a new one.' },
  used: { title: 'This link has already been used', body: 'Each link works once. If you still need a new password, ask for a new link.' },
  unknown: { title: 'This link does not work', body: 'It may be incomplete, or a newer link was sent since. You can ask for a new one.' },
} as const;

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await passwordResetLinkState(getDb(), token);
  if (state !== 'valid') {
    const words = NOT_WORKING[state];
    return (
      <main className="container narrow">
        <h1>{words.title}</h1>
        <p>{words.body}</p>
        <p>
          <Link href="/forgot-password" role="button">
            Ask for a new link
          </Link>
        </p>
      </main>
    );
  }
  return (
    <main className="container narrow">
      <hgroup>
        <h1>Choose a new password</h1>
        <p>After this, sign in with your new password.</p>
      </hgroup>
      <ResetPasswordForm token={token} />
    </main>
  );
}
