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
    const operations = alignBlocks(nowKeys, thenKeys);
    const before = Y.encodeStateVector(current);
    current.transact(() => {
      let position = 0;
      for (const operation of operations) {
        if (operation.kind === 'keep') position++;
        else if (operation.kind === 'delete') now.delete(position, 1);
        else if (operation.kind === 'insert') now.insert(position++, [(thenNodes[operation.right] as Y.XmlElement | Y.XmlText).clone()]);
        else {
          const edited = editTextInPlace(now.get(position), thenNodes[operation.right]);
          if (!edited) {
            now.delete(position, 1);
            now.insert(position, [(thenNodes[operation.right] as Y.XmlElement | Y.XmlText).clone()]);
          }
          position++;
        }
      }
    });
    return Y.encodeStateAsUpdate(current, before);
  } finally {
    current.destroy();
    target.destroy();
  }
}

type Operation = { kind: 'keep' } | { kind: 'delete' } | { kind: 'insert'; right: number } | { kind: 'edit'; right: number };

/**
 * Keep the blocks both sides share (longest common subsequence); between them, pair a changed block
 * with the block that replaces it at the same place, so a changed sentence is restored by editing
 * its words rather than replacing the whole paragraph.
 */
function alignBlocks(left: string[], right: string[]): Operation[] {
  const keep = longestCommonSubsequence(left, right);
  const operations: Operation[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (keep.left.has(i) && keep.right.has(j)) {
      operations.push({ kind: 'keep' });
      i++;
      j++;
      continue;
    }
    const deleted: number[] = [];
    const inserted: number[] = [];
    while (i < left.length && !keep.left.has(i)) deleted.push(i++);
    while (j < right.length && !keep.right.has(j)) inserted.push(j++);
    const paired = Math.min(deleted.length, inserted.length);
    for (let k = 0; k < paired; k++) operations.push({ kind: 'edit', right: inserted[k]! });
    for (let k = paired; k < deleted.length; k++) operations.push({ kind: 'delete' });
    for (let k = paired; k < inserted.length; k++) operations.push({ kind: 'insert', right: inserted[k]! });
  }
  return operations;
}

/** Plain text blocks of the same kind: change only the differing middle of the text. False when that is not possible. */
function editTextInPlace(current: unknown, target: unknown): boolean {
  if (!(current instanceof Y.XmlElement) || !(target instanceof Y.XmlElement)) return false;
  if (current.nodeName !== target.nodeName || JSON.stringify(current.getAttributes()) !== JSON.stringify(target.getAttributes())) return false;
  if (current.length !== 1 || target.length !== 1) return false;
  const now = current.get(0);
  const then = target.get(0);
  if (!(now instanceof Y.XmlText) || !(then instanceof Y.XmlText)) return false;
  const plain = (text: Y.XmlText) => {
    const delta = text.toDelta() as Array<{ insert: unknown; attributes?: object }>;
    return delta.every((op) => typeof op.insert === 'string' && !op.attributes) ? delta.map((op) => op.insert as string).join('') : null;
  };
  const a = plain(now);
  const b = plain(then);
  if (a === null || b === null) return false;
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  // Whole words read better in the diff than "F~~ive~~our": widen the changed middle to word edges.
  const space = (c: string | undefined) => c === undefined || /\s/.test(c);
  const atEdge = (x: string, y: string, at: number) => at === 0 || space(x[at]) || space(y[at]) || space(x[at - 1]);
  while (!atEdge(a, b, prefix)) prefix--;
  const atEndEdge = (x: string, y: string, n: number) => n === 0 || space(x[x.length - n - 1]) || space(y[y.length - n - 1]) || space(x[x.length - n]);
  while (!atEndEdge(a, b, suffix)) suffix--;
  if (a.length - prefix - suffix > 0) now.delete(prefix, a.length - prefix - suffix);
  if (b.length - prefix - suffix > 0) now.insert(prefix, b.slice(prefix, b.length - suffix));
  return true;
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
