/**
import 'server-only';
 * The one way a page loads the thing in its URL: the visitor signs in (and comes back here after),
 * the id must look like one, and the domain's authorized read decides. Anything the reader may not
 * see is the same 404 as something that never existed, so a stranger learns nothing.
 */
import { notFound } from 'next/navigation';
import { isUuid } from '@/server/access/authorization';
import type { Database } from '@/server/db/database';
import { getDb } from '@/server/db/process-database';
import { isAppError } from '@/server/domain/errors';
import { requireSignedIn } from './viewer';

export async function loadOr404<T>(
  returnTo: string,
  id: string,
  load: (db: Database, viewer: { userId: string }) => Promise<T | null>,
): Promise<{ viewer: { userId: string }; db: Database; found: T }> {
  const viewer = await requireSignedIn(returnTo);
  if (!isUuid(id)) notFound();
  const db = getDb();
  const found = await load(db, viewer).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'not-found') return null;
    throw error;
  });
  if (found === null) notFound();
  return { viewer, db, found };
}
