/**
 * The stored text of a private collaborative document as ProseMirror JSON, for server-side reading
 * (a shared note shown to the partner, a journal export), loaded exactly as the document rooms load
 * it (latest snapshot and the updates after it).
 * Callers must have authorized the viewer (server/access/authorization.ts) for this document.
 */
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import type { Executor } from '../../db/database';
import { loadDocument } from '../../realtime/yjs/document-store';
import { findRoomSlot } from '../../realtime/yjs/room-registry';

/** The Tiptap Collaboration extension's default field (app/_components/collaborative-editor). */
const COLLABORATION_FIELD = 'default';

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
 * The document as it is now: while a room has it loaded, its in-memory state (the last keystrokes may
 * not be in the log yet, writes are batched); otherwise the stored state.
 */
export async function loadDocumentContent(db: Executor, documentId: string): Promise<ProseMirrorNode> {
  const slot = findRoomSlot(documentId);
  if (slot) {
    try {
      const room = await slot.ready;
      return documentToJson(room.doc);
    } catch {
      // The room failed to load: read what is stored instead.
    }
  }
  const { doc } = await loadDocument(db, documentId);
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
