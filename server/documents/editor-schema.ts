/**
 * The one list of Tiptap extensions that decides what a collaborative document may contain
 * (headings, lists, checklists, bold, italic...). The browser editor and the server (which builds
 * starter templates as Yjs updates) both use it, so a document written on one side always fits the
 * schema of the other. Extensions that only change behaviour (collaboration, carets, placeholder)
 * are added by the editor component, not here.
 *
 * It lives with the documents (not in app/) because the server needs it, and it stays free of
 * React and of 'server-only' because the browser bundle imports it too.
 */
import { getSchema, type AnyExtension } from '@tiptap/core';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';

/** The Yjs XML fragment the Collaboration extension binds to (its default field). */
export const COLLABORATION_FIELD = 'default';

export const documentExtensions: AnyExtension[] = [
  StarterKit.configure({
    // Collaboration brings its own Yjs-aware undo; ProseMirror's history would undo the partner's typing.
    undoRedo: false,
    heading: { levels: [2, 3] },
    link: { openOnClick: false, autolink: true },
  }),
  TaskList,
  TaskItem.configure({ nested: true }),
];

let cachedSchema: Schema | null = null;

export function documentSchema(): Schema {
  cachedSchema ??= getSchema(documentExtensions);
  return cachedSchema;
}
