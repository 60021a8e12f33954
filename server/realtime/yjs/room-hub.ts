/**
 * The DocumentHub (server/documents/document-hub.ts) of the document rooms: how domain code reaches
 * the documents loaded in this process without knowing about rooms. Server actions run in this
 * process as another module instance, so the rooms are found through the globalThis registry
 * (room-registry.ts), never through module state.
 */
import * as Y from 'yjs';
import { currentBus } from '../../bus';
import type { Executor } from '../../db/database';
import { appendServerEdit, assertDecodable } from '../../documents/append-server-edit';
import type { DocumentHub } from '../../documents/document-hub';
import { loadDocumentState } from '../../documents/document-store';
import type { AccessChange } from '../../events/access-events';
import { decodePeerReply, encodePeerMessage, encodePeerRequest } from './peer-messages';
import { findRoomSlot, withDocumentLock } from './room-registry';

/** How long reading a document loaded on another instance waits for its answer. */
const PEER_READ_TIMEOUT_MS = 2000;

export function createRoomHub(db: Executor, accessChanged: (change: AccessChange) => Promise<void>): DocumentHub {
  return {
    applyServerEdit,
    async readLiveState(documentId: string): Promise<Uint8Array | null> {
      const slot = findRoomSlot(documentId);
      if (slot) return Y.encodeStateAsUpdate((await slot.ready).doc);
      const bus = currentBus();
      if (bus.kind === 'in-process') return null;
      // Loaded on another instance, maybe: the stored state, plus what those instances have not written yet.
      const stored = await loadDocumentState(db, documentId);
      const replies = await bus.requestDocument(documentId, encodePeerRequest({ kind: 'state', stateVector: Y.encodeStateVectorFromUpdate(stored.state) }), PEER_READ_TIMEOUT_MS);
      const missing = replies.map(decodePeerReply).flatMap((reply) => (reply?.kind === 'state' && reply.missing.length > 0 ? [reply.missing] : []));
      return missing.length === 0 ? stored.state : Y.mergeUpdates([stored.state, ...missing]);
    },
    async evict(documentId: string): Promise<void> {
      const slot = findRoomSlot(documentId);
      if (!slot) return;
      try {
        (await slot.ready).evict();
      } catch {
        // It failed to load: nothing is in memory.
      }
    },
    accessChanged,
  };
}

/**
 * Applies `update` to the document as `authorId` (null for "Mend itself"), binding its Yjs client ids
 * to that person (client-bindings.ts): everyone connected sees it live, and it is in the update log
 * when this resolves. When the document is not loaded the update goes straight to the log; a room
 * that starts loading at the same moment waits for that append (per-document lock), so it cannot
 * miss it or reuse its seq.
 */
async function applyServerEdit(db: Executor, documentId: string, update: Uint8Array, authorId: string | null): Promise<void> {
  assertDecodable(update);
  for (let attempt = 0; attempt < 5; attempt++) {
    const route = await withDocumentLock(documentId, async () => {
      if (findRoomSlot(documentId)) return 'room' as const;
      await appendServerEdit(db, documentId, update, authorId);
      // Another instance may have the document loaded: it shows the edit to its clients (already stored).
      currentBus().publishDocument(documentId, encodePeerMessage({ kind: 'stored-update', authorId, update }));
      return 'log' as const;
    });
    if (route === 'log') return;
    const slot = findRoomSlot(documentId);
    if (!slot) continue;
    let room;
    try {
      room = await slot.ready;
    } catch {
      continue; // the load failed and the slot is gone: append to the log directly
    }
    if (await room.applyServerEdit(update, authorId)) return;
  }
  throw new Error(`applyServerEdit: document ${documentId} kept loading and unloading; the edit was not applied`);
}
