/**
 * How much one logged update changed, for the timeline's "+120 −30" figures: characters of text
 * inserted, and Yjs items deleted (a character each; a removed paragraph also counts its element).
 */
import * as Y from 'yjs';

export interface UpdateSize {
  added: number;
  removed: number;
}

export function measureUpdate(update: Uint8Array): UpdateSize {
  const { structs, ds } = Y.decodeUpdate(update);
  let added = 0;
  for (const struct of structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) added += struct.length;
  }
  let removed = 0;
  for (const ranges of ds.clients.values()) for (const range of ranges) removed += range.len;
  return { added, removed };
}
