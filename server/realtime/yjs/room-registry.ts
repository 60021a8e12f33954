/**
 * The documents loaded in this process, by id. It lives on globalThis because Next's server actions
 * (which reach the rooms through the DocumentHub, room-hub.ts) run in this process as a separately
 * bundled module instance: a module-level Map would give them an empty registry of their own.
 *
 * Code that reaches rooms through here must not use `instanceof` on them, for the same reason.
 */
import type { DocumentRoom } from './document-room';

export interface RoomSlot {
  /** Resolves to the loaded room; rejects when loading failed (the slot is then already gone). */
  ready: Promise<DocumentRoom>;
  room: DocumentRoom | null;
}

interface Registry {
  slots: Map<string, RoomSlot>;
  /** Per-document lock between loading a room and appending to the log of an unloaded document. */
  locks: Map<string, Promise<unknown>>;
}

const KEY = Symbol.for('mend.realtime.yjs-rooms');

function registry(): Registry {
  const holder = globalThis as { [KEY]?: Registry };
  holder[KEY] ??= { slots: new Map(), locks: new Map() };
  return holder[KEY];
}

export function findRoomSlot(documentId: string): RoomSlot | undefined {
  return registry().slots.get(documentId);
}

/**
 * The room for this document, loading it if needed. The slot is registered synchronously, before the
 * load starts, so that a concurrent appender (applyServerEdit) sees it and goes through the room.
 */
export function openRoomSlot(documentId: string, load: () => Promise<DocumentRoom>): RoomSlot {
  const existing = registry().slots.get(documentId);
  if (existing) return existing;
  const slot: RoomSlot = { room: null, ready: Promise.resolve(null as never) };
  slot.ready = withDocumentLock(documentId, load).then(
    (room) => {
      slot.room = room;
      return room;
    },
    (error: unknown) => {
      if (registry().slots.get(documentId) === slot) registry().slots.delete(documentId);
      throw error;
    },
  );
  // A failed load is reported to whoever awaits it; this keeps it from being an unhandled rejection.
  slot.ready.catch(() => {});
  registry().slots.set(documentId, slot);
  return slot;
}

/** Drop the slot if it still holds this room (an unloaded or evicted room). */
export function removeRoom(documentId: string, room: DocumentRoom): void {
  const slot = registry().slots.get(documentId);
  if (slot && slot.room === room) registry().slots.delete(documentId);
}

/** Runs `task` after any earlier task for the same document has finished. */
export function withDocumentLock<T>(documentId: string, task: () => Promise<T>): Promise<T> {
  const locks = registry().locks;
  const previous = locks.get(documentId) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => {});
  locks.set(documentId, tail);
  void tail.then(() => {
    if (locks.get(documentId) === tail) locks.delete(documentId);
  });
  return run;
}
