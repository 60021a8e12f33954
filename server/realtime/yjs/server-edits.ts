/**
 * Changes to collaborative documents made by the server rather than a connected client: seeding an
 * agreement from a template, restoring an earlier version. Called from Next server actions, which
 * run in this process but as another module instance; the loaded rooms are found through the
 * globalThis registry.
 */
import * as Y from 'yjs';
import type { Executor } from '../../db/database';
import { CloseCode } from './close-codes';
import { appendUpdateAtEnd } from './document-store';
import { findRoomSlot, withDocumentLock } from './room-registry';

/**
 * Applies `update` to the document as `authorId` (null for "Mend itself"): everyone connected sees
 * it live, and it is in the update log when this resolves. When the document is not loaded the update
 * goes straight to the log; a room that starts loading at the same moment waits for that append
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
      await appendUpdateAtEnd(db, documentId, update, authorId);
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

/**
 * Closes every connection to the document (4404) and drops it from memory WITHOUT storing anything:
 * for a private document that was just deleted for good, whose rows are gone.
 */
export async function evictDocument(documentId: string): Promise<void> {
  const slot = findRoomSlot(documentId);
  if (!slot) return;
  try {
    const room = await slot.ready;
    room.evict();
  } catch {
    // It never loaded: nothing to evict.
  }
}

/**
 * Closes every connection to the document with 4401, so each page fetches a fresh token and
 * reconnects under what it may do now: after archiving (edit → read) or bringing back (read → edit).
 * A connection keeps the mode it was admitted with, so without this an archived agreement would still
 * take edits from pages that were open when it was archived.
 */
export async function reconnectDocument(documentId: string, reason: string): Promise<void> {
  const slot = findRoomSlot(documentId);
  if (!slot) return;
  try {
    const room = await slot.ready;
    room.closeConnections(CloseCode.unauthenticated, reason);
  } catch {
    // It never loaded: nobody is connected.
  }
}
