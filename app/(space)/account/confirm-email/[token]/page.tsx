import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/server/db/process-database';
import { emailChangeLinkState } from '@/server/domain/accounts/account-settings';
import { getViewerSession } from '../../../../_lib/viewer';
import { ConfirmEmailForm } from '../../profile-forms';

export const metadata: Metadata = { title: 'Confirm your new email address' };

const NOT_WORKING = {
  expired: { title: 'This link has expired', body: 'A link to confirm a new address works for 24 hours. You can ask again on your account page.' },
  used: { title: 'This link has already been used', body: 'Each link works once. Your account page shows the address in use.' },
  unknown: { title: 'This link does not work', body: 'It may be incomplete, or a newer link was sent since. You can ask again on your account page.' },
  'not-yours': { title: 'This link is for another account', body: 'Nothing changed. To confirm a new address, open its link while signed in to the account that asked for it.' },
} as const;

/**
 * The link from the new address. Opening it changes nothing by itself (mail scanners open links):
 * the signed-in person presses a button, and only the person who asked can.
 */
export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const session = (await getViewerSession())!;
  const link = await emailChangeLinkState(getDb(), { token, viewerUserId: session.userId });
  if (link.state !== 'valid') {
    const words = NOT_WORKING[link.state];
    return (
      <main className="container narrow">
        <h1>{words.title}</h1>
        <p>{words.body}</p>
        <p>
          <Link href="/account">Your account</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="container narrow">
      <h1>Confirm your new email address</h1>
      <p>
        Use <strong>{link.newEmail}</strong> to sign in and for emails from Mend from now on?
      </p>
      <ConfirmEmailForm token={token} />
    </main>
  );
}
