/**
 * The state of a document after any update of its log: the nearest snapshot at or before that
 * point, plus the updates after the snapshot up to it. Snapshots are what keep this fast; replaying
 * from the first update (replayFromStart) is kept for comparison in the benchmark and in tests.
 */
import * as Y from 'yjs';

export interface StatePieces {
  /** Full state after update `snapshotSeq`, or null when there is no snapshot at or before the point. */
  snapshot: Uint8Array | null;
  /** The updates after the snapshot, in seq order, up to and including the point. */
  tail: readonly Uint8Array[];
}

/** One Yjs update holding the whole state; merging first is much faster than applying each update to a doc. */
export function reconstructState({ snapshot, tail }: StatePieces): Uint8Array {
  const parts = snapshot ? [snapshot, ...tail] : [...tail];
  if (parts.length === 0) return Y.encodeStateAsUpdate(new Y.Doc());
  if (parts.length === 1 && parts[0]) return parts[0];
  return Y.mergeUpdates(parts);
}

export function docFromState(state: Uint8Array, options: { gc?: boolean } = {}): Y.Doc {
  const doc = new Y.Doc({ gc: options.gc ?? true });
  Y.applyUpdate(doc, state);
  return doc;
}

/** The naive way: every update from the first, applied one by one. */
export function replayFromStart(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}
