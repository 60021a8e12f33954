/**
 * A change the server makes to a document that is not loaded in this process (restoring a version,
 * a script): validated, its Yjs client ids bound to the person acting (a server edit is made on a
 * fresh Y.Doc, so its ids are new), and appended after the last row in one statement with those
 * bindings. Returns its seq. A loaded document takes server edits through its room instead
 * (DocumentHub), so that everyone connected sees them.
 */
import * as Y from 'yjs';
import type { Executor } from '../db/database';
import { loadClientOwners } from './client-bindings';
import { appendUpdateAtEnd } from './document-store';

export async function appendServerEdit(db: Executor, documentId: string, update: Uint8Array, authorId: string | null): Promise<number> {
  assertDecodable(update);
  const owners = await loadClientOwners(db, documentId);
  const fresh = [...Y.parseUpdateMeta(update).from.keys()].filter((clientId) => !owners.has(clientId));
  return appendUpdateAtEnd(db, documentId, update, authorId, fresh.map((clientId) => ({ documentId, clientId, userId: authorId })));
}

/** Throws a clear error for an update that cannot be decoded: a bug in the caller, never stored. */
export function assertDecodable(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update);
  } catch (error) {
    throw new Error(`applyServerEdit: the update cannot be decoded (${(error as Error).message})`);
  }
}
