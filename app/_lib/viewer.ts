/** Who is asking: the signed-in person from the session cookie, or null. */
import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { Viewer } from '@/server/access/authorization';
import { auth } from '@/server/auth/next-auth';
import { getDb } from '@/server/db/process-database';
import { readProfile } from '@/server/domain/accounts/person-names';
import { unauthenticated } from '@/server/domain/errors';

/**
 * The person and the session (device) of this request. auth() runs next-auth's jwt callback, which
 * checks the session's row on every call: a signed-out, revoked or expired session, or a deleted
 * account, identifies no one even when its cookie is still presented. Cached per page render, so a
 * layout and its page check once.
 */
export const getViewerSession = cache(async (): Promise<{ userId: string; sessionId: string } | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId || !session.sessionId) return null;
  return { userId, sessionId: session.sessionId };
});

export async function getViewer(): Promise<Viewer> {
  const session = await getViewerSession();
  return session ? { userId: session.userId } : null;
}

export async function getViewerProfile(): Promise<{ userId: string; name: string; email: string } | null> {
  const viewer = await getViewer();
  if (!viewer) return null;
  const user = await readProfile(getDb(), viewer.userId);
  return user ? { userId: viewer.userId, ...user } : null;
}

/** For actions: the signed-in person, or the calm "please sign in again" error that runAction shows. */
export async function viewerOrThrow(): Promise<{ userId: string }> {
  const viewer = await getViewer();
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** For pages behind sign-in: unauthenticated visitors go to the sign-in page and come back after. */
export async function requireSignedIn(returnTo: string): Promise<{ userId: string }> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  return viewer;
}
