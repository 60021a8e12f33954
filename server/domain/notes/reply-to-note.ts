import { noteReplies, type NoteReplyRow } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireNote, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { replySchema } from './note-input';
import { publishNoteEvent } from './note-live-events';
import { personName } from './person-name';

/** Either partner adds to the thread under a shared note. */
export async function replyToNote(db: Database, viewer: Viewer, noteId: string, input: unknown): Promise<NoteReplyRow> {
  const parsed = replySchema.safeParse(input);
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { reply, note, actorName } = await db.transaction(async (tx) => {
    // Locked so a reply cannot land on a note that is being retracted at the same moment.
    const { note, membership } = await requireNote(tx, viewer, noteId, 'reply', { lock: true });
    const [reply] = await tx.insert(noteReplies).values({ noteId: note.id, authorId: membership.userId, body: parsed.data.body }).returning();
    await recordActivity(tx, { spaceId: note.spaceId, actorId: membership.userId, type: 'note-replied', data: {} });
    return { reply: reply!, note, actorName: await personName(tx, membership.userId) };
  });
  publishNoteEvent(note.spaceId, 'note-reply-added', { noteId: note.id, actorId: reply.authorId!, actorName });
  return reply;
}
