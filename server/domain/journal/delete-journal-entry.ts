import { eq } from 'drizzle-orm';
import { documents } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireJournalEntry, type Viewer } from '../../access/authorization';
import { publishLiveEvent } from '../../events/live-events';
import { JOURNAL_CHANGED_EVENT } from './create-journal-entry';
import { publishDocumentAccessChanged } from '../../events/access-events';

/**
 * Deletes an entry for good: the document row goes and, by cascade in the same statement, the
 * entry row, every update in the log and every snapshot. Then the realtime server drops its copy in
 * memory (and closes the owner's open rooms for it), so nothing is written back afterwards.
 */
export async function deleteJournalEntry(db: Database, viewer: Viewer, entryId: string): Promise<{ documentId: string }> {
  const entry = await db.transaction(async (tx) => {
    const { entry } = await requireJournalEntry(tx, viewer, entryId, { lock: true });
    await tx.delete(documents).where(eq(documents.id, entry.documentId));
    return entry;
  });
  await publishDocumentAccessChanged([entry.documentId]);
  publishLiveEvent({ spaceId: null, audience: { userId: entry.ownerId }, event: JOURNAL_CHANGED_EVENT, payload: { entryId: entry.id } });
  return { documentId: entry.documentId };
}
