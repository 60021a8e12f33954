import { eq } from 'drizzle-orm';
import { notes } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireNote, type Viewer } from '../../access/authorization';
import { publishDocumentAccessChanged } from '../../events/access-events';
import { recordActivity } from '../activity/record-activity';
import { publishNoteEvent } from './note-live-events';
import { personName } from './person-name';

/**
 * The author takes a shared note back. The row stays so the partner is told "a note was retracted";
 * from now on the partner gets no content, no document room and no thread for it.
 */
export async function retractNote(db: Database, viewer: Viewer, noteId: string): Promise<void> {
  const now = new Date();
  const { note, actorName } = await db.transaction(async (tx) => {
    const { note } = await requireNote(tx, viewer, noteId, 'retract', { lock: true });
    await tx.update(notes).set({ status: 'retracted', retractedAt: now, updatedAt: now }).where(eq(notes.id, note.id));
    await recordActivity(tx, { spaceId: note.spaceId, actorId: note.authorId, type: 'note-retracted', data: {} });
    return { note, actorName: await personName(tx, note.authorId) };
  });
  // The partner's open room on the note closes (4403): they get nothing more of it.
  await publishDocumentAccessChanged([note.documentId]);
  publishNoteEvent(note.spaceId, 'note-retracted', { noteId: note.id, actorId: note.authorId, actorName });
}
