import { eq } from 'drizzle-orm';
import { notes } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireNote, type Viewer } from '../../access/authorization';
import { invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { noteDraftSchema } from './note-input';
import { publishDraftsChanged } from './note-live-events';
import { saveNoteFeelings } from './save-note-feelings';

/** Changes a draft's feelings and "what I need". Only a draft, only by its author. */
export async function updateNoteDraft(db: Database, viewer: Viewer, noteId: string, input: unknown): Promise<void> {
  const parsed = noteDraftSchema.safeParse(input);
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const note = await db.transaction(async (tx) => {
    const { note } = await requireNote(tx, viewer, noteId, 'edit-draft', { lock: true });
    await tx.update(notes).set({ whatINeed: parsed.data.whatINeed, updatedAt: new Date() }).where(eq(notes.id, note.id));
    await saveNoteFeelings(tx, note.id, parsed.data.feelings);
    return note;
  });
  publishDraftsChanged(note.spaceId, note.authorId, note.id);
}
