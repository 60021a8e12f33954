/**
 * Test helpers that edit a Y.Doc the way Tiptap's Collaboration extension lays it out (paragraph
 * elements holding XmlText in the 'default' fragment), and a tiny "server" that logs every update
 * with its author in order, snapshotting every few updates like the realtime server does.
 */
import * as Y from 'yjs';
import { AGREEMENT_FRAGMENT } from '../../../server/domain/history/document-blocks';

export interface LoggedUpdate {
  seq: number;
  update: Uint8Array;
  authorId: string;
}

export class Editor {
  readonly doc = new Y.Doc();
  /** Local changes not yet sent: what a client queues while offline or between frames. */
  pending: Uint8Array[] = [];
  constructor(readonly authorId: string) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'server') this.pending.push(update);
    });
  }

  get fragment(): Y.XmlFragment {
    return this.doc.getXmlFragment(AGREEMENT_FRAGMENT);
  }

  addParagraph(text: string, at = this.fragment.length, kind: 'paragraph' | 'heading' = 'paragraph'): void {
    this.doc.transact(() => {
      const element = new Y.XmlElement(kind);
      if (kind === 'heading') element.setAttribute('level', 2 as never);
      const content = new Y.XmlText();
      content.insert(0, text);
      element.insert(0, [content]);
      this.fragment.insert(Math.min(at, this.fragment.length), [element]);
    });
  }

  addBulletList(items: string[]): void {
    this.doc.transact(() => {
      const list = new Y.XmlElement('bulletList');
      list.insert(
        0,
        items.map((item) => {
          const listItem = new Y.XmlElement('listItem');
          const paragraph = new Y.XmlElement('paragraph');
          const content = new Y.XmlText();
          content.insert(0, item);
          paragraph.insert(0, [content]);
          listItem.insert(0, [paragraph]);
          return listItem;
        }),
      );
      this.fragment.insert(this.fragment.length, [list]);
    });
  }

  /** The XmlText of the n-th top-level paragraph, if it is one. */
  textOf(index: number): Y.XmlText | null {
    const element = this.fragment.get(index);
    if (!(element instanceof Y.XmlElement) || element.nodeName === 'bulletList') return null;
    const text = element.get(0);
    return text instanceof Y.XmlText ? text : null;
  }

  typeInto(index: number, offset: number, text: string): void {
    const target = this.textOf(index);
    if (target) target.insert(Math.min(offset, target.length), text);
  }

  deleteFrom(index: number, offset: number, length: number): void {
    const target = this.textOf(index);
    if (!target || target.length === 0) return;
    const start = Math.min(offset, target.length - 1);
    target.delete(start, Math.min(length, target.length - start));
  }

  removeParagraph(index: number): void {
    if (index < this.fragment.length) this.fragment.delete(index, 1);
  }
}

/** Applies updates in arrival order and logs each with its author, as the realtime server does. */
export class LoggingServer {
  readonly doc = new Y.Doc();
  readonly log: LoggedUpdate[] = [];
  readonly snapshots: Array<{ seq: number; state: Uint8Array }> = [];
  constructor(private readonly snapshotEvery = 0) {}

  receive(update: Uint8Array, authorId: string): void {
    const seq = this.log.length + 1;
    Y.applyUpdate(this.doc, update);
    this.log.push({ seq, update, authorId });
    if (this.snapshotEvery && seq % this.snapshotEvery === 0) this.snapshots.push({ seq, state: Y.encodeStateAsUpdate(this.doc) });
  }

  /** Brings an editor up to date with everything the server has (what a connected client receives). */
  syncTo(editor: Editor): void {
    Y.applyUpdate(editor.doc, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(editor.doc)), 'server');
  }

  /** What the editor has that the server lacks, sent as one update (a client's pending changes). */
  collectFrom(editor: Editor): void {
    if (editor.pending.length === 0) return;
    const update = Y.mergeUpdates(editor.pending);
    editor.pending = [];
    this.receive(update, editor.authorId);
  }

  /** Snapshot + tail pieces for the state after `seq`, as the history store reads them. */
  piecesAt(seq: number): { snapshot: Uint8Array | null; tail: Uint8Array[] } {
    const snapshot = [...this.snapshots].reverse().find((s) => s.seq <= seq) ?? null;
    const from = snapshot?.seq ?? 0;
    return { snapshot: snapshot?.state ?? null, tail: this.log.filter((u) => u.seq > from && u.seq <= seq).map((u) => u.update) };
  }
}

/** Each edit made by an editor, sent to the server at once (a connected client). */
export function editLive(server: LoggingServer, editor: Editor, edit: (editor: Editor) => void): void {
  server.syncTo(editor);
  edit(editor);
  server.collectFrom(editor);
}
