/**
 * The Yjs update that turns the current document back into an earlier state, as a normal forward
 * edit: blocks that are the same in both stay untouched (a longest common subsequence over the
 * top-level blocks), the others are deleted or re-inserted as copies. History is never rewritten,
 * and the diff of a restore shows only what it really changed.
 */
import * as Y from 'yjs';
import { canonicalText } from './canonical-text';
import { AGREEMENT_FRAGMENT } from './document-blocks';
import { docFromState } from './reconstruct-state';

/** Returns null when the current document already says what the target says. */
export function buildRestoreUpdate(currentState: Uint8Array, targetState: Uint8Array): Uint8Array | null {
  const current = docFromState(currentState);
  const target = docFromState(targetState);
  try {
    if (canonicalText(current) === canonicalText(target)) return null;
    const now = current.getXmlFragment(AGREEMENT_FRAGMENT);
    const then = target.getXmlFragment(AGREEMENT_FRAGMENT);
    const nowKeys = now.toArray().map((node) => node.toString());
    const thenNodes = then.toArray();
    const thenKeys = thenNodes.map((node) => node.toString());
    const keep = longestCommonSubsequence(nowKeys, thenKeys);
    const before = Y.encodeStateVector(current);
    current.transact(() => {
      // Delete from the end so earlier indexes stay valid.
      for (let i = nowKeys.length - 1; i >= 0; i--) if (!keep.left.has(i)) now.delete(i, 1);
      // Kept blocks are now at indexes 0..k-1 in order; insert the target's other blocks among them.
      let position = 0;
      for (let j = 0; j < thenNodes.length; j++) {
        if (!keep.right.has(j)) now.insert(position, [(thenNodes[j] as Y.XmlElement | Y.XmlText).clone()]);
        position++;
      }
    });
    return Y.encodeStateAsUpdate(current, before);
  } finally {
    current.destroy();
    target.destroy();
  }
}

function longestCommonSubsequence(left: string[], right: string[]): { left: Set<number>; right: Set<number> } {
  const rows = left.length + 1;
  const cols = right.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = left.length - 1; i >= 0; i--) {
    for (let j = right.length - 1; j >= 0; j--) {
      table[i * cols + j] = left[i] === right[j] ? table[(i + 1) * cols + j + 1]! + 1 : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  const keepLeft = new Set<number>();
  const keepRight = new Set<number>();
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (left[i] === right[j]) {
      keepLeft.add(i++);
      keepRight.add(j++);
    } else if (table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!) i++;
    else j++;
  }
  return { left: keepLeft, right: keepRight };
}
