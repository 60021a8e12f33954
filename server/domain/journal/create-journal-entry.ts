import { documents, journalEntries, type JournalEntryRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireViewer, type Viewer } from '../../access/authorization';
import { publishLiveEvent } from '../../events/live-events';
import { invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { journalEntrySchema } from './journal-input';

export const JOURNAL_CHANGED_EVENT = 'journal-changed';

/** A new private entry and its Yjs document (kind 'journal', owner only), together or not at all. */
export async function createJournalEntry(db: Database, viewer: Viewer, input: unknown): Promise<JournalEntryRow> {
  const { userId } = requireViewer(viewer);
  const parsed = journalEntrySchema.safeParse(input);
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const entry = await db.transaction(async (tx) => {
    const [document] = await tx
      .insert(documents)
      .values({ spaceId: null, kind: 'journal', ownerId: userId, createdBy: userId, title: '' })
      .returning({ id: documents.id });
    const [row] = await tx
      .insert(journalEntries)
      .values({ ownerId: userId, documentId: document!.id, entryDate: parsed.data.entryDate, feelings: parsed.data.feelings })
      .returning();
    return row!;
  });
  // Only the owner's own devices hear about it; the payload is an id, never a word of the entry.
  publishLiveEvent({ spaceId: null, audience: { userId: entry.ownerId }, event: JOURNAL_CHANGED_EVENT, payload: { entryId: entry.id } });
  return entry;
}
