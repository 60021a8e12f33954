import { eq } from 'drizzle-orm';
import { documents } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireNote, type Viewer } from '../../access/authorization';
import { publishDocumentAccessChanged } from '../../events/access-events';
import { publishDraftsChanged } from './note-live-events';

/** A draft the author no longer wants: gone for good, with its text, update log and snapshots. */
export async function deleteNoteDraft(db: Database, viewer: Viewer, noteId: string): Promise<{ documentId: string }> {
  const note = await db.transaction(async (tx) => {
    const { note } = await requireNote(tx, viewer, noteId, 'edit-draft', { lock: true });
    // The note row, its feelings, the update log and snapshots all go by cascade from the document.
    await tx.delete(documents).where(eq(documents.id, note.documentId));
    return note;
  });
  // Open rooms on the draft close (4404) and its copy in memory goes without being written back.
  await publishDocumentAccessChanged([note.documentId]);
  publishDraftsChanged(note.spaceId, note.authorId, note.id);
  return { documentId: note.documentId };
}
