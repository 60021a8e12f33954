import { documents, notes, type NoteRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireOwnSpace, type Viewer } from '../../access/authorization';
import { invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { noteDraftSchema } from './note-input';
import { publishDraftsChanged } from './note-live-events';
import { saveNoteFeelings } from './save-note-feelings';

/**
 * Starts a note as a private draft: its row, its feelings and the Yjs document for "what happened"
 * (kind 'note', owned by the author) are created together or not at all.
 */
export async function createNote(db: Database, viewer: Viewer, input: unknown): Promise<NoteRow> {
  const membership = await requireOwnSpace(db, viewer);
  const parsed = noteDraftSchema.safeParse(input);
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const note = await db.transaction(async (tx) => {
    const [document] = await tx
      .insert(documents)
      .values({ spaceId: membership.spaceId, kind: 'note', ownerId: membership.userId, createdBy: membership.userId, title: '' })
      .returning({ id: documents.id });
    const [row] = await tx
      .insert(notes)
      .values({ spaceId: membership.spaceId, authorId: membership.userId, documentId: document!.id, whatINeed: parsed.data.whatINeed })
      .returning();
    await saveNoteFeelings(tx, row!.id, parsed.data.feelings);
    return row!;
  });
  publishDraftsChanged(note.spaceId, note.authorId, note.id);
  return note;
}
