import { eq } from 'drizzle-orm';
import { documents, notes } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireNote, type Viewer } from '../../access/authorization';
import { publishDocumentAccessChanged } from '../../events/access-events';
import { recordActivity } from '../activity/record-activity';
import { publishDraftsChanged, publishNoteEvent } from './note-live-events';
import { personName } from './person-name';

/**
 * Shares a draft with the partner. Its "what happened" document is archived at the same moment, which
 * makes it read-only for everyone (authorizeDocument): the partner acknowledges exactly what they read.
 */
export async function shareNote(db: Database, viewer: Viewer, noteId: string): Promise<void> {
  const now = new Date();
  const { note, actorName } = await db.transaction(async (tx) => {
    const { note } = await requireNote(tx, viewer, noteId, 'share', { lock: true });
    await tx.update(notes).set({ status: 'shared', sharedAt: now, updatedAt: now }).where(eq(notes.id, note.id));
    await tx.update(documents).set({ archivedAt: now, updatedAt: now }).where(eq(documents.id, note.documentId));
    await recordActivity(tx, { spaceId: note.spaceId, actorId: note.authorId, type: 'note-shared', data: {} });
    return { note, actorName: await personName(tx, note.authorId) };
  });
  // The author's open rooms (another tab) reconnect read-only: nothing typed after sharing is kept.
  await publishDocumentAccessChanged([note.documentId]);
  publishDraftsChanged(note.spaceId, note.authorId, note.id);
  publishNoteEvent(note.spaceId, 'note-shared', { noteId: note.id, actorId: note.authorId, actorName });
}
