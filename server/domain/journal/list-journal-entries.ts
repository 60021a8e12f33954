import { and, desc, eq } from 'drizzle-orm';
import { journalEntries, type JournalEntryRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireOwnSpace, type Viewer } from '../../access/authorization';

/** The viewer's own entries, newest date first. There is no way to list anyone else's. */
export async function listJournalEntries(db: Database, viewer: Viewer): Promise<JournalEntryRow[]> {
  const membership = await requireOwnSpace(db, viewer);
  return db
    .select()
    .from(journalEntries)
    .where(and(eq(journalEntries.ownerId, membership.userId), eq(journalEntries.spaceId, membership.spaceId)))
    .orderBy(desc(journalEntries.entryDate), desc(journalEntries.createdAt));
}
