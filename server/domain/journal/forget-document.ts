/**
 * After a private document's rows are deleted, the realtime server must drop its copy in memory and
 * close the rooms open on it: otherwise a pending write (or the next edit from a still-open tab)
 * would try to bring the text back. Called after the deleting transaction has committed.
 */
import { evictDocument } from '../../realtime/yjs/server-edits';

export async function forgetDocument(documentId: string): Promise<void> {
  await evictDocument(documentId);
}
