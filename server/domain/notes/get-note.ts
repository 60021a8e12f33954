import { asc, eq } from 'drizzle-orm';
import { noteReplies, users, type NoteStatus } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireNote, type Viewer } from '../../access/authorization';
import type { Feeling } from '../feelings/feeling-input';
import { loadDocumentContent, type ProseMirrorNode } from '../journal/load-document-content';
import { feelingsOf } from './list-notes';
import { personName } from './person-name';

export interface NoteReplyView {
  id: string;
  authorName: string;
  mine: boolean;
  body: string;
  createdAt: Date;
}

/** A whole note as the viewer may see it. */
export type NoteView =
  | {
      visibility: 'full';
      id: string;
      status: NoteStatus;
      mine: boolean;
      authorName: string;
      documentId: string;
      feelings: Feeling[];
      whatINeed: string;
      /** "What happened" as stored (drafts are edited live in the document room instead). */
      whatHappened: ProseMirrorNode;
      createdAt: Date;
      sharedAt: Date | null;
      retractedAt: Date | null;
      acknowledgement: { at: Date; byName: string; response: string | null } | null;
      replies: NoteReplyView[];
      spaceId: string;
      /** The space closed when a partner left: the note can be read, not answered or changed. */
      readOnly: boolean;
    }
  | { visibility: 'retracted'; id: string; status: 'retracted'; mine: false; authorName: string; retractedAt: Date | null };

/** Throws "not found" for strangers and for the partner's drafts (server/access/authorization.ts). */
export async function getNote(db: Database, viewer: Viewer, noteId: string): Promise<NoteView> {
  const { note, isAuthor, canSeeContent, membership } = await requireNote(db, viewer, noteId, 'view');
  const authorName = await personName(db, note.authorId);
  if (!canSeeContent) return { visibility: 'retracted', id: note.id, status: 'retracted', mine: false, authorName, retractedAt: note.retractedAt };
  const [feelings, whatHappened, replies, acknowledgerName] = await Promise.all([
    feelingsOf(db, [note.id]),
    loadDocumentContent(db, note.documentId),
    db
      .select({ id: noteReplies.id, authorId: noteReplies.authorId, authorName: users.name, body: noteReplies.body, createdAt: noteReplies.createdAt })
      .from(noteReplies)
      .leftJoin(users, eq(users.id, noteReplies.authorId))
      .where(eq(noteReplies.noteId, note.id))
      .orderBy(asc(noteReplies.createdAt)),
    note.acknowledgedBy ? personName(db, note.acknowledgedBy) : Promise.resolve(null),
  ]);
  const viewerId = viewer!.userId;
  return {
    visibility: 'full',
    id: note.id,
    status: note.status,
    mine: isAuthor,
    authorName,
    documentId: note.documentId,
    feelings: feelings.get(note.id) ?? [],
    whatINeed: note.whatINeed,
    whatHappened,
    createdAt: note.createdAt,
    sharedAt: note.sharedAt,
    retractedAt: note.retractedAt,
    acknowledgement: note.acknowledgedAt ? { at: note.acknowledgedAt, byName: acknowledgerName ?? 'Your partner', response: note.acknowledgementResponse } : null,
    replies: replies.map((r) => ({ id: r.id, authorName: r.authorName ?? 'Someone who left', mine: r.authorId === viewerId, body: r.body, createdAt: r.createdAt })),
    spaceId: note.spaceId,
    readOnly: membership.closed,
  };
}
