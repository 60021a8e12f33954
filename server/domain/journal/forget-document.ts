/**
 * After a private document's rows are deleted, the realtime server must drop its copy in memory and
 * close the rooms open on it (4404): otherwise a pending write (or the next edit from a still-open
 * tab) would try to bring the text back. Called after the deleting transaction has committed; it is
 * the one access-changed event every feature publishes (the rooms find the document gone and evict it).
 */
import { publishDocumentAccessChanged } from '../../events/access-events';

export async function forgetDocument(documentId: string): Promise<void> {
  await publishDocumentAccessChanged([documentId]);
}
