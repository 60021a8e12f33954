import { eq } from 'drizzle-orm';
import { notes } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireNote, type Viewer } from '../../access/authorization';
import { recordActivity } from '../activity/record-activity';
import { conflict, invalidInput } from '../errors';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { acknowledgementSchema } from './note-input';
import { publishNoteEvent } from './note-live-events';
import { personName } from './person-name';

/** The partner says "I read this", with an optional short response. Once per note. */
export async function acknowledgeNote(db: Database, viewer: Viewer, noteId: string, input: unknown): Promise<void> {
  const parsed = acknowledgementSchema.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('Please check the highlighted fields.', fieldErrorsOf(parsed.error));
  const now = new Date();
  const { note, actorId, actorName } = await db.transaction(async (tx) => {
    const { note, membership } = await requireNote(tx, viewer, noteId, 'acknowledge', { lock: true });
    if (note.acknowledgedAt) throw conflict('You already acknowledged this note.');
    await tx
      .update(notes)
      .set({ acknowledgedAt: now, acknowledgedBy: membership.userId, acknowledgementResponse: parsed.data.response || null })
      .where(eq(notes.id, note.id));
    await recordActivity(tx, { spaceId: note.spaceId, actorId: membership.userId, type: 'note-acknowledged', data: {} });
    return { note, actorId: membership.userId, actorName: await personName(tx, membership.userId) };
  });
  publishNoteEvent(note.spaceId, 'note-acknowledged', { noteId: note.id, actorId, actorName });
}
