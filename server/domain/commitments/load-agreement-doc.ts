import * as Y from 'yjs';
import type { Executor } from '../../db/database';
import { readCurrentState } from '../history/read-history';
import { findRoomSlot } from '../../realtime/yjs/room-registry';

/**
 * An agreement as it is now, as a Y.Doc the caller destroys: while a room has it loaded, a copy of
 * its in-memory state (the last keystrokes may not be in the log yet, writes are batched); otherwise
 * the stored state. A copy keeps every item id, which is what a clause reference points at.
 * Callers must have authorized the viewer for this document (server/access/authorization.ts).
 */
export async function loadAgreementDoc(db: Executor, documentId: string): Promise<Y.Doc> {
  const slot = findRoomSlot(documentId);
  let state: Uint8Array | null = null;
  if (slot) {
    try {
      state = Y.encodeStateAsUpdate((await slot.ready).doc);
    } catch {
      // The room failed to load: read what is stored instead.
    }
  }
  state ??= (await readCurrentState(db, documentId)).state;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}
