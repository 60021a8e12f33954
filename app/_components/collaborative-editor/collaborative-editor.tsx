'use client';
/**
 * A live, shared rich-text editor for one Mend document (agreements, journal entries, notes,
 * next steps). It connects itself (token, room, offline copy); the page only says which document,
 * who is typing and whether they may edit. Access is still decided by the server for every
 * connection: `editable` only hides the controls, the server's answer ('read') wins.
 *
 *   <CollaborativeEditor documentId={id} editable user={{ id, name, colour }} label="Agreement text" />
 */
import { useEffect, useState } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { COLLABORATION_FIELD, documentExtensions } from '@/server/documents/editor-schema';
import { presentPeople, syncStatusHint, syncStatusLabel, type PresentUser } from './connection-state';
import { EditorToolbar } from './editor-toolbar';
import { useCollaborationSession, type CollaborationSession } from './use-collaboration-session';
import './collaborative-editor.css';

export interface EditorUser {
  id: string;
  name: string;
  /** The person's seat colour (server/domain/spaces/member-colour.ts). */
  colour: string;
}

export interface CollaborativeEditorProps {
  documentId: string;
  editable?: boolean;
  user: EditorUser;
  placeholder?: string;
  /** Accessible name of the text area, e.g. "Agreement text". */
  label?: string;
}

export function CollaborativeEditor({ documentId, editable = true, user, placeholder = 'Start writing…', label = 'Document text' }: CollaborativeEditorProps) {
  const { session, status, notice, mode, localCopyLoaded } = useCollaborationSession(documentId);
  const canEdit = editable && mode !== 'read' && status !== 'stopped';
  return (
    <section className="collab" aria-label={label} data-sync-status={status}>
      <div className="collab-bar">
        <p className={`collab-status collab-status-${status}`} role="status" title={syncStatusHint[status]} data-testid="sync-status">
          <span className="collab-status-dot" aria-hidden="true" />
          {syncStatusLabel[status]}
          {status === 'offline' ? <span className="collab-status-hint">— your changes are kept on this device</span> : null}
        </p>
        {/* Who else is here is only known while connected; offline it would wrongly say "only you". */}
        {session && status === 'synced' ? <PresenceList session={session} me={user} /> : null}
      </div>
      {notice ? (
        <p className={status === 'stopped' ? 'notice notice-error' : 'notice notice-info'} role="alert">
          {notice}
        </p>
      ) : null}
      {editable && mode === 'read' && status !== 'stopped' ? <p className="muted collab-readonly">Read only: this document cannot be changed right now.</p> : null}
      {session && (localCopyLoaded || status === 'synced') ? (
        <EditorSurface key={documentId} session={session} user={user} editable={canEdit} placeholder={placeholder} label={label} />
      ) : (
        <div className="collab-surface collab-loading" aria-busy="true">
          <p className="muted">Opening…</p>
        </div>
      )}
    </section>
  );
}

function EditorSurface({ session, user, editable, placeholder, label }: { session: CollaborationSession; user: EditorUser; editable: boolean; placeholder: string; label: string }) {
  const editor = useEditor(
    {
      // The document only exists in the browser (Yjs); rendering on the server would show nothing useful.
      immediatelyRender: false,
      editable,
      extensions: [
        ...documentExtensions,
        Placeholder.configure({ placeholder }),
        Collaboration.configure({ document: session.ydoc, field: COLLABORATION_FIELD }),
        CollaborationCaret.configure({
          provider: session.provider,
          user: { userId: user.id, name: user.name, color: user.colour },
          render: renderCaret,
          selectionRender: (caretUser) => ({
            nodeName: 'span',
            class: 'collaboration-carets__selection',
            style: `background-color: ${safeColour(caretUser.color)}33`,
            'data-user': String(caretUser.name ?? ''),
          }),
        }),
      ],
      editorProps: {
        attributes: { class: 'collab-prose', 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', spellcheck: 'true' },
      },
    },
    [session],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return (
    <div className="collab-surface">
      {editable ? <EditorToolbar editor={editor} /> : null}
      <EditorContent editor={editor} className="collab-content" data-testid="editor" />
    </div>
  );
}

function safeColour(value: unknown): string {
  return typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value) ? value : '#5b6670';
}

/** The partner's caret: a thin line in their colour with their name above it. */
function renderCaret(caretUser: Record<string, unknown>): HTMLElement {
  const colour = safeColour(caretUser.color);
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = colour;
  caret.setAttribute('data-user', String(caretUser.name ?? ''));
  const labelElement = document.createElement('span');
  labelElement.classList.add('collaboration-carets__label');
  labelElement.style.backgroundColor = colour;
  labelElement.textContent = String(caretUser.name ?? 'Partner').slice(0, 40);
  caret.append(labelElement);
  return caret;
}

function PresenceList({ session, me }: { session: CollaborationSession; me: EditorUser }) {
  const [people, setPeople] = useState<PresentUser[]>([]);
  useEffect(() => {
    const awareness = session.provider.awareness;
    const update = () => setPeople(presentPeople(awareness.getStates() as Map<number, Record<string, unknown>>, me.id));
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [session, me.id]);
  const others = people.filter((person) => person.userId !== me.id);
  return (
    <div className="collab-presence" data-testid="presence">
      <span className="muted">Here now:</span>
      <ul>
        <li>
          <span className="member-dot" style={{ background: me.colour }} aria-hidden="true" /> You
        </li>
        {others.map((person) => (
          <li key={person.userId}>
            <span className="member-dot" style={{ background: person.colour }} aria-hidden="true" /> {person.name}
          </li>
        ))}
      </ul>
      {others.length === 0 ? <span className="muted collab-presence-alone">(only you)</span> : null}
    </div>
  );
}
