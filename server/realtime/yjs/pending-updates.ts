/**
 * Updates that depend on state the server does not have yet. Yjs would keep them inside the Y.Doc
 * (its pending structs), where they would sit in every snapshot and grow memory without limit. So
 * after every apply they are taken out of the document and kept here, bounded by maxPendingBytes,
 * and retried after each later update (which may have supplied what they lacked). Whatever part of
 * them integrates then reaches the document's 'update' event like any edit, with its author.
 */
import * as Y from 'yjs';

/** Transaction origin of a pending update retried: its author is the one who first sent it. */
export interface PendingRetryOrigin {
  kind: 'pending-retry';
  authorId: string | null;
  /** Sent by another instance, which stores it: applied here, never recorded here. */
  fromPeer: boolean;
}

interface PendingUpdate {
  /** V2-encoded, as Yjs keeps pending state. */
  update: Uint8Array;
  authorId: string | null;
  fromPeer: boolean;
}

export class PendingUpdates {
  private items: PendingUpdate[] = [];
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly log: (line: string) => void,
  ) {}

  /**
   * Moves whatever the last apply left pending out of `doc` (sent by `authorId`), and retries the
   * earlier pending updates. False when the pending bytes pass the limit: everything pending is
   * then dropped.
   */
  settle(doc: Y.Doc, authorId: string | null, documentId: string, fromPeer = false): boolean {
    const fresh = takePendingFromStore(doc);
    if (this.items.length > 0) {
      const earlier = this.items;
      this.items = [];
      this.bytes = 0;
      for (const item of earlier) {
        const origin: PendingRetryOrigin = { kind: 'pending-retry', authorId: item.authorId, fromPeer: item.fromPeer };
        Y.applyUpdateV2(doc, item.update, origin);
        const still = takePendingFromStore(doc);
        if (still) this.keep({ update: still, authorId: item.authorId, fromPeer: item.fromPeer });
      }
    }
    if (fresh) this.keep({ update: fresh, authorId, fromPeer });
    if (this.bytes > this.maxBytes) {
      this.log(`realtime: document ${documentId} had ${this.bytes} bytes of updates that depend on missing state; dropped`);
      this.items = [];
      this.bytes = 0;
      return false;
    }
    return true;
  }

  private keep(item: PendingUpdate): void {
    this.items.push(item);
    this.bytes += item.update.length;
  }
}

/**
 * Pending structs and deletes are internal to Yjs's StructStore (and encoded in the V2 format); this
 * is the one place that touches them.
 */
function takePendingFromStore(doc: Y.Doc): Uint8Array | null {
  const store = doc.store as unknown as { pendingStructs: { update: Uint8Array } | null; pendingDs: Uint8Array | null };
  const parts: Uint8Array[] = [];
  if (store.pendingStructs) parts.push(store.pendingStructs.update);
  if (store.pendingDs) parts.push(store.pendingDs);
  store.pendingStructs = null;
  store.pendingDs = null;
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : Y.mergeUpdatesV2(parts);
}
