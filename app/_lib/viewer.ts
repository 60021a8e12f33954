/** Who is asking: the signed-in person from the session cookie, or null. */
import { eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { users } from '@/drizzle/schema';
import type { Viewer } from '@/server/access/authorization';
import { auth } from '@/server/auth/next-auth';
import { getDb } from '@/server/db/process-database';

export async function getViewer(): Promise<Viewer> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  // A session cookie can outlive its account (deleted elsewhere): such a cookie identifies no one.
  const [user] = await getDb().select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
  return user ? { userId } : null;
}

export async function getViewerProfile(): Promise<{ userId: string; name: string; email: string } | null> {
  const viewer = await getViewer();
  if (!viewer) return null;
  const [user] = await getDb().select({ name: users.name, email: users.email }).from(users).where(eq(users.id, viewer.userId)).limit(1);
  return user ? { userId: viewer.userId, ...user } : null;
}

/** For pages behind sign-in: unauthenticated visitors go to the sign-in page and come back after. */
export async function requireSignedIn(returnTo: string): Promise<{ userId: string }> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  return viewer;
}
