/**
 * What domain code may ask of the live documents, whatever serves them: apply a change the server
 * makes (restoring a version), read a document as it is right now (its last keystrokes may not be
 * stored yet), evict a document, re-check access after a change. Domain code imports this file,
 * never the realtime transport (server/realtime/**): the document rooms install their hub here once
 * at start, and without one (a script, a test without rooms) the database alone answers.
 *
 * The installed hub lives on globalThis because Next's bundled server actions run in the same
 * process as the rooms but as another module instance: a module-level variable would leave them
 * without it.
 */
import type { Executor } from '../db/database';
import type { AccessChange } from '../events/access-events';
import { appendServerEdit } from './append-server-edit';
import { loadDocumentState } from './document-store';

export interface DocumentHub {
  /**
   * Applies `update` to the document as `authorId` (null: Mend itself), binding its Yjs client ids
   * to that person: everyone connected sees it live, and it is in the update log when this resolves.
   */
  applyServerEdit(db: Executor, documentId: string, update: Uint8Array, authorId: string | null): Promise<void>;
  /** The document's live state as one Yjs update, or null when it is not loaded. */
  readLiveState(documentId: string): Promise<Uint8Array | null>;
  /** Close every connection to the document (4404) and drop it from memory without writing anything (it was deleted for good). */
  evict(documentId: string): Promise<void>;
  /** Put every open connection to these documents (or this space's) through the door again; settles once done. */
  accessChanged(change: AccessChange): Promise<void>;
}

const KEY = Symbol.for('mend.documents.hub');

function holder(): { [KEY]?: DocumentHub } {
  return globalThis as { [KEY]?: DocumentHub };
}

/** Installs the process's hub (the document rooms do, at start). Returns the uninstaller. */
export function installDocumentHub(hub: DocumentHub): () => void {
  holder()[KEY] = hub;
  return () => {
    if (holder()[KEY] === hub) delete holder()[KEY];
  };
}

/** The installed hub, or one that only knows the database (nothing is loaded anywhere). */
export function documentHub(): DocumentHub {
  return holder()[KEY] ?? storeOnlyHub;
}

const storeOnlyHub: DocumentHub = {
  applyServerEdit: (db, documentId, update, authorId) => appendServerEdit(db, documentId, update, authorId).then(() => undefined),
  readLiveState: async () => null,
  evict: async () => {},
  accessChanged: async () => {},
};

/** See DocumentHub.applyServerEdit. */
export function applyServerEdit(db: Executor, documentId: string, update: Uint8Array, authorId: string | null): Promise<void> {
  return documentHub().applyServerEdit(db, documentId, update, authorId);
}

/**
 * The document as it is now, as one Yjs update: the live state where it is loaded (writes are
 * batched, so the log may lag by a moment), otherwise the stored state.
 */
export async function readCurrentDocumentState(db: Executor, documentId: string): Promise<Uint8Array> {
  try {
    const live = await documentHub().readLiveState(documentId);
    if (live) return live;
  } catch {
    // The live document failed to load: read what is stored instead.
  }
  return (await loadDocumentState(db, documentId)).state;
}
