/**
 * The stored text of a private collaborative document as ProseMirror JSON, for server-side reading
 * (a shared note shown to the partner, a journal export), loaded exactly as the document rooms load
 * it (latest snapshot and the updates after it).
 * Callers must have authorized the viewer (server/access/authorization.ts) for this document.
 */
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { Executor } from '../../db/database';
import { readCurrentDocumentState } from '../../documents/document-hub';
import { COLLABORATION_FIELD } from '../../documents/editor-schema';

export interface ProseMirrorNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: ProseMirrorNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

export function documentToJson(doc: Y.Doc): ProseMirrorNode {
  return yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(COLLABORATION_FIELD)) as ProseMirrorNode;
}

/**
 * The document as it is now: while it is loaded, its live state (the last keystrokes may not be in
 * the log yet, writes are batched); otherwise the stored state.
 */
export async function loadDocumentContent(db: Executor, documentId: string): Promise<ProseMirrorNode> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await readCurrentDocumentState(db, documentId));
  try {
    return documentToJson(doc);
  } finally {
    doc.destroy();
  }
}

/** True when a document has no visible text (an empty note or entry). */
export function isEmptyContent(node: ProseMirrorNode): boolean {
  if (typeof node.text === 'string' && node.text.trim() !== '') return false;
  return (node.content ?? []).every(isEmptyContent);
}
