/**
 * The DocumentHub (server/documents/document-hub.ts) of the document rooms: how domain code reaches
 * the documents loaded in this process without knowing about rooms. Server actions run in this
 * process as another module instance, so the rooms are found through the globalThis registry
 * (room-registry.ts), never through module state.
 */
import * as Y from 'yjs';
import type { Executor } from '../../db/database';
import { appendServerEdit, assertDecodable } from '../../documents/append-server-edit';
import type { DocumentHub } from '../../documents/document-hub';
import type { AccessChange } from '../../events/access-events';
import { findRoomSlot, withDocumentLock } from './room-registry';

export function createRoomHub(accessChanged: (change: AccessChange) => Promise<void>): DocumentHub {
  return {
    applyServerEdit,
    async readLiveState(documentId: string): Promise<Uint8Array | null> {
      const slot = findRoomSlot(documentId);
      if (!slot) return null;
      const room = await slot.ready;
      return Y.encodeStateAsUpdate(room.doc);
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
