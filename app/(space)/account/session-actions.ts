'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { signOut } from '@/server/auth/next-auth';
import { revokeAllSessions, revokeOtherSessions, revokeSession } from '@/server/auth/sessions';
import { getDb } from '@/server/db/process-database';
import { unauthenticated } from '@/server/domain/errors';
import { publishSessionsRevoked } from '@/server/events/session-events';
import { runAction, type ActionState } from '../../_lib/action-result';
import { getViewerSession } from '../../_lib/viewer';

const deviceSchema = z.object({ sessionId: z.uuid() });

/** "Sign out this one": ends one of this person's other devices' sessions. */
export async function signOutDeviceAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = deviceSchema.safeParse({ sessionId: formData.get('sessionId') });
  if (!parsed.success) return { ok: false, message: 'That device could not be found. Reload the page and try again.' };
  return runAction(async () => {
    const session = await getViewerSession();
    if (!session) throw unauthenticated();
    if (parsed.data.sessionId === session.sessionId) {
      // This device signs out with the Sign out button, which also erases its offline copies.
      return { ok: false, message: 'To sign out on this device, use Sign out at the top of the page.' };
    }
    const ended = await revokeSession(getDb(), session.userId, parsed.data.sessionId);
    if (ended) publishSessionsRevoked({ userId: session.userId, sessionIds: [parsed.data.sessionId] });
    revalidatePath('/account');
    return { ok: true, message: ended ? 'That device is signed out.' : 'That device was already signed out.' };
  });
}

/**
 * "Sign out everywhere else": ends every session of this person except this device's, for when a
 * phone was lost or someone else may have signed in. This device stays signed in so the person can go
 * on (and sign out here with the Sign out button, which also erases its offline copies).
 */
export async function signOutEverywhereElseAction(_previous: ActionState): Promise<ActionState> {
  return runAction(async () => {
    const session = await getViewerSession();
    if (!session) throw unauthenticated();
    const others = await revokeOtherSessions(getDb(), session.userId, session.sessionId);
    if (others.length > 0) publishSessionsRevoked({ userId: session.userId, sessionIds: others });
    revalidatePath('/account');
    return { ok: true, message: others.length === 1 ? 'Your other device is signed out.' : others.length > 1 ? `Your ${others.length} other devices are signed out.` : 'You were not signed in anywhere else.' };
  });
}

/**
 * "Sign out everywhere": ends every session of this person, this device's too, and leaves for the
 * sign-in page (the form erases this device's offline copies before it calls this).
 */
export async function signOutEverywhereAction(): Promise<void> {
  const session = await getViewerSession();
  if (session) {
    await revokeAllSessions(getDb(), session.userId);
    publishSessionsRevoked({ userId: session.userId, sessionIds: null });
  }
  await signOut({ redirectTo: '/sign-in?signedOut=1' });
}
