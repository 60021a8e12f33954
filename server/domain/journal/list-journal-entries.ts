import { desc, eq } from 'drizzle-orm';
import { journalEntries, type JournalEntryRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireViewer, type Viewer } from '../../access/authorization';

/** The viewer's own entries, newest date first. There is no way to list anyone else's. */
export async function listJournalEntries(db: Database, viewer: Viewer): Promise<JournalEntryRow[]> {
  const { userId } = requireViewer(viewer);
  return db
    .select()
    .from(journalEntries)
    .where(eq(journalEntries.ownerId, userId))
    .orderBy(desc(journalEntries.entryDate), desc(journalEntries.createdAt));
}
