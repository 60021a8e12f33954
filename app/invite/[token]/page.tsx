import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/server/db/process-database';
import { inspectInvite, inviteProblemMessages } from '@/server/domain/spaces/accept-invite';
import { QuickExit } from '../../_components/quick-exit';
import { getViewerProfile } from '../../_lib/viewer';
import { AcceptInviteForm } from './accept-form';

export const metadata: Metadata = { title: 'Invitation' };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const profile = await getViewerProfile();
  const wellFormed = /^[A-Za-z0-9_-]{20,100}$/.test(token);
  const { details, problem } = wellFormed ? await inspectInvite(getDb(), token, profile?.userId ?? null) : { details: null, problem: 'unknown' as const };
  const quickExit = profile ? <QuickExit to={process.env.MEND_QUICK_EXIT_URL || 'https://www.bbc.co.uk/weather'} /> : null;

  if (problem) {
    const text = inviteProblemMessages[problem];
    return (
      <main className="container narrow" data-invite-problem={problem}>
        <h1>{text.title}</h1>
        <p>{text.body}</p>
        <p>{profile ? <Link href="/space">Go to your space</Link> : <Link href="/">Go to Mend</Link>}</p>
        {quickExit}
      </main>
    );
  }
  const inviter = details!.inviterName ?? 'Your partner';
  const returnTo = encodeURIComponent(`/invite/${token}`);
  return (
    <main className="container narrow">
      <hgroup>
        <h1>{inviter} invited you to Mend</h1>
        <p>Join “{details!.spaceName}”: a private space for the two of you.</p>
      </hgroup>
      <p className="muted">
        What you write in your journal and your drafts stays yours. Shared agreements and notes are seen by both of you. You can leave at any time.
      </p>
      {profile ? (
        <>
          <p>You are signed in as {profile.name} ({profile.email}).</p>
          <AcceptInviteForm token={token} spaceName={details!.spaceName} />
        </>
      ) : (
        <div className="grid">
          <Link role="button" href={`/sign-up?next=${returnTo}`}>Create an account to join</Link>
          <Link role="button" className="secondary outline" href={`/sign-in?next=${returnTo}`}>I have an account</Link>
        </div>
      )}
      {quickExit}
    </main>
  );
}
