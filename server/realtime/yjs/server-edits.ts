/**
 * Changes to collaborative documents made by the server rather than a connected client: seeding an
 * agreement from a template, restoring an earlier version. Called from Next server actions, which
 * run in this process but as another module instance; the loaded rooms are found through the
 * globalThis registry.
 */
import * as Y from 'yjs';
import type { Executor } from '../../db/database';
import { loadClientOwners } from './client-bindings';
import { appendUpdateAtEnd } from './document-store';
import { findRoomSlot, withDocumentLock } from './room-registry';

/**
 * Applies `update` to the document as `authorId` (null for "Mend itself"), binding its Yjs client ids
 * to that person (client-bindings.ts): everyone connected sees it live, and it is in the update log
 * when this resolves. When the document is not loaded the update goes straight to the log; a room that starts loading at the same moment waits for that append
 * (per-document lock), so it cannot miss it or reuse its seq.
 */
export async function applyServerEdit(db: Executor, documentId: string, update: Uint8Array, authorId: string | null): Promise<void> {
  try {
    Y.decodeUpdate(update);
  } catch (error) {
    throw new Error(`applyServerEdit: the update cannot be decoded (${(error as Error).message})`);
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const route = await withDocumentLock(documentId, async () => {
      if (findRoomSlot(documentId)) return 'room' as const;
      // Not loaded: bind the edit's new client ids (a server edit is made on a fresh Y.Doc) in the same statement as its row.
      const owners = await loadClientOwners(db, documentId);
      const fresh = [...Y.parseUpdateMeta(update).from.keys()].filter((clientId) => !owners.has(clientId));
      await appendUpdateAtEnd(db, documentId, update, authorId, fresh.map((clientId) => ({ documentId, clientId, userId: authorId })));
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
