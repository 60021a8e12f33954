/** Edits an agreement the way a connected client does: from the stored state, appending its update to the log as its author. */
import * as Y from 'yjs';
import type { Database } from '../../../server/db/database';
import { appendUpdateAtEnd, loadDocumentState } from '../../../server/documents/document-store';
import { Editor } from '../../unit/history/agreement-editing';

export async function editAgreement(db: Database, documentId: string, authorId: string, edit: (editor: Editor) => void): Promise<number> {
  const editor = new Editor(authorId);
  Y.applyUpdate(editor.doc, (await loadDocumentState(db, documentId)).state, 'server');
  edit(editor);
  const update = Y.mergeUpdates(editor.pending);
  editor.doc.destroy();
  return appendUpdateAtEnd(db, documentId, update, authorId);
}
