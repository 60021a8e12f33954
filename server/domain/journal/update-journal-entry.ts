import { eq } from 'drizzle-orm';
import { journalEntries } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireJournalEntry, type Viewer } from '../../access/authorization';
import { publishLiveEvent } from '../../events/live-events';
import { invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { JOURNAL_CHANGED_EVENT } from './create-journal-entry';
import { journalEntrySchema } from './journal-input';

/** Changes an entry's date and feelings (its text is edited live in its document). */
export async function updateJournalEntry(db: Database, viewer: Viewer, entryId: string, input: unknown): Promise<void> {
  const parsed = journalEntrySchema.safeParse(input);
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { entry } = await requireJournalEntry(db, viewer, entryId);
  await db
    .update(journalEntries)
    .set({ entryDate: parsed.data.entryDate, feelings: parsed.data.feelings, updatedAt: new Date() })
    .where(eq(journalEntries.id, entry.id));
  publishLiveEvent({ spaceId: null, audience: { userId: entry.ownerId }, event: JOURNAL_CHANGED_EVENT, payload: { entryId: entry.id } });
}
