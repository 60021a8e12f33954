import * as Y from 'yjs';
import type { Executor } from '../../db/database';
import { readCurrentDocumentState } from '../../documents/document-hub';

/**
 * An agreement as it is now, as a Y.Doc the caller destroys: while a room has it loaded, a copy of
 * its in-memory state (the last keystrokes may not be in the log yet, writes are batched); otherwise
 * the stored state. A copy keeps every item id, which is what a clause reference points at.
 * Callers must have authorized the viewer for this document (server/access/authorization.ts).
 */
export async function loadAgreementDoc(db: Executor, documentId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await readCurrentDocumentState(db, documentId));
  return doc;
}
