'use client';
import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';

interface ToolbarButton {
  /** The tooltip. */
  label: string;
  /**
   * The visible text, and the accessible name too, so a person who drives the computer by voice can
   * say what they see. Only a single-letter symbol (B, I) gets its word as the name instead.
   */
  text: string;
  isActive?: (editor: Editor) => boolean;
  run: (editor: Editor) => boolean;
  canRun?: (editor: Editor) => boolean;
}

const groups: ToolbarButton[][] = [
  [
    { label: 'Heading', text: 'Heading', isActive: (e) => e.isActive('heading', { level: 2 }), run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
    { label: 'Subheading', text: 'Subheading', isActive: (e) => e.isActive('heading', { level: 3 }), run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
  ],
  [
    { label: 'Bold', text: 'B', isActive: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
    { label: 'Italic', text: 'I', isActive: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  ],
  [
    { label: 'Bullet list', text: 'Bullets', isActive: (e) => e.isActive('bulletList'), run: (e) => e.chain().focus().toggleBulletList().run() },
    { label: 'Numbered list', text: 'Numbers', isActive: (e) => e.isActive('orderedList'), run: (e) => e.chain().focus().toggleOrderedList().run() },
    { label: 'Checklist', text: 'Checklist', isActive: (e) => e.isActive('taskList'), run: (e) => e.chain().focus().toggleTaskList().run() },
  ],
  [
    // Yjs undo (from the Collaboration extension): undoes only my own changes, never the partner's.
    { label: 'Undo my last change', text: 'Undo', run: (e) => e.chain().focus().undo().run(), canRun: (e) => e.can().undo() },
    { label: 'Redo', text: 'Redo', run: (e) => e.chain().focus().redo().run(), canRun: (e) => e.can().redo() },
  ],
];

export function EditorToolbar({ editor }: { editor: Editor | null }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      current ? groups.map((group) => group.map((button) => ({ active: button.isActive?.(current) ?? false, enabled: button.canRun?.(current) ?? true }))) : null,
  });
  return (
    <div className="collab-toolbar" role="toolbar" aria-label="Formatting">
      {groups.map((group, groupIndex) => (
        <div className="collab-toolbar-group" key={groupIndex}>
          {group.map((button, buttonIndex) => {
            const buttonState = state?.[groupIndex]?.[buttonIndex];
            return (
              <button
                key={button.label}
                type="button"
                aria-label={button.text.length === 1 ? button.label : undefined}
                title={button.label}
                aria-pressed={button.isActive ? Boolean(buttonState?.active) : undefined}
                disabled={!editor || buttonState?.enabled === false}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => editor && button.run(editor)}
              >
                {button.text}
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}
