/**
 * Reads an agreement's Yjs document (Tiptap's ProseMirror tree in an XmlFragment) as a flat list of
 * blocks: the one structural reading behind canonical text, Markdown export, the read-only past
 * state view and the diff view, so all four agree on what "the document" says.
 *
 * It walks Yjs items rather than the public API because the diff needs deleted items too (their
 * content survives only in a document with gc off); a classifier decides, per item, whether it is
 * shown unchanged, added, removed, or skipped.
 */
import * as Y from 'yjs';

/** Tiptap's Collaboration extension keeps the editor content in this fragment of the Y.Doc. */
export const AGREEMENT_FRAGMENT = 'default';

export type ChangeStatus = 'same' | 'added' | 'removed';

export type BlockKind = 'paragraph' | 'heading' | 'code' | 'rule';
export type ListKind = 'bullet' | 'ordered' | 'task';

export interface Mark {
  name: string;
  href?: string;
}

export interface Segment {
  text: string;
  marks: Mark[];
  status: ChangeStatus;
  /** The Yjs client that created (for 'added'/'same') or whose item was removed; resolved to an author by the diff. */
  client: number;
  /** For 'removed': the item's id, so the diff can find who deleted it. */
  clock: number;
}

export interface Block {
  kind: BlockKind;
  /** Heading level 1-6. */
  level?: number;
  /** The list this block starts an item of, if it is the first block of a list item. */
  list?: { kind: ListKind; ordinal: number; checked: boolean };
  /** Nesting: lists inside lists, paragraphs continuing a list item. */
  depth: number;
  quote: boolean;
  status: ChangeStatus;
  segments: Segment[];
}

/**
 * Decides how each item appears. `element` returns null when the element is at neither point.
 * `text` may cut one string item into pieces: Yjs merges neighbouring items of one client, so a
 * single item can hold characters from before and after the compared point.
 */
export interface ItemClassifier {
  element(item: Y.Item): ChangeStatus | null;
  text(item: Y.Item): Array<{ offset: number; length: number; status: ChangeStatus }>;
  /** Whether a mark's start or end applies; by default, unless deleted. */
  format?(item: Y.Item): boolean;
  /** An element's attribute (heading level, list start); by default, its value now. */
  attribute?(element: Y.XmlElement, name: string): unknown;
}

/** The plain reading: what a document says now. */
export const visibleOnly: ItemClassifier = {
  element: (item) => (item.deleted ? null : 'same'),
  text: (item) => (item.deleted ? [] : [{ offset: 0, length: item.length, status: 'same' }]),
};

interface Context {
  depth: number;
  quote: boolean;
  /** Set while inside a list item whose first block has not been emitted yet. */
  pendingListMarker: Block['list'] | null;
  inheritedStatus: ChangeStatus;
}

export function readBlocks(doc: Y.Doc, classify: ItemClassifier = visibleOnly): Block[] {
  const blocks: Block[] = [];
  walkChildren(doc.getXmlFragment(AGREEMENT_FRAGMENT), { depth: 0, quote: false, pendingListMarker: null, inheritedStatus: 'same' }, classify, blocks);
  return blocks;
}

function* childItems(type: Y.AbstractType<any>): Generator<Y.Item> {
  let item = type._start;
  while (item) {
    if (item instanceof Y.Item) yield item;
    item = item.right;
  }
}

/** A removed parent removes everything in it; an added parent adds everything in it. */
function combine(parent: ChangeStatus, own: ChangeStatus): ChangeStatus {
  return parent === 'same' ? own : parent;
}

function walkChildren(parent: Y.AbstractType<any>, context: Context, classify: ItemClassifier, out: Block[]): void {
  for (const item of childItems(parent)) {
    if (!(item.content instanceof Y.ContentType)) continue;
    const own = classify.element(item);
    if (own === null) continue;
    const status = combine(context.inheritedStatus, own);
    const type = item.content.type;
    if (!(type instanceof Y.XmlElement)) continue;
    const name = type.nodeName;
    const inner: Context = { ...context, inheritedStatus: status };
    switch (name) {
      case 'paragraph':
      case 'heading':
      case 'codeBlock': {
        const kind: BlockKind = name === 'codeBlock' ? 'code' : name === 'heading' ? 'heading' : 'paragraph';
        const block: Block = { kind, depth: context.depth, quote: context.quote, status, segments: [] };
        if (kind === 'heading') block.level = clampLevel(attributeOf(type, 'level', classify));
        if (context.pendingListMarker) {
          block.list = context.pendingListMarker;
          context.pendingListMarker = null;
        }
        readInline(type, status, classify, block.segments);
        out.push(block);
        break;
      }
      case 'horizontalRule':
        out.push({ kind: 'rule', depth: context.depth, quote: context.quote, status, segments: [] });
        break;
      case 'blockquote':
        walkChildren(type, { ...inner, quote: true }, classify, out);
        break;
      case 'bulletList':
      case 'orderedList':
      case 'taskList': {
        const start = Number(attributeOf(type, 'start', classify) ?? 1);
        walkList(type, name === 'bulletList' ? 'bullet' : name === 'orderedList' ? 'ordered' : 'task', Number.isFinite(start) ? start : 1, inner, classify, out);
        break;
      }
      default:
        // Unknown containers (future extensions): keep their text rather than lose it.
        walkChildren(type, inner, classify, out);
    }
  }
}

function walkList(list: Y.XmlElement, kind: ListKind, start: number, context: Context, classify: ItemClassifier, out: Block[]): void {
  let ordinal = start;
  for (const item of childItems(list)) {
    if (!(item.content instanceof Y.ContentType)) continue;
    const own = classify.element(item);
    if (own === null) continue;
    const type = item.content.type;
    if (!(type instanceof Y.XmlElement)) continue;
    const checkedValue = attributeOf(type, 'checked', classify);
    const checked = checkedValue === true || checkedValue === 'true';
    const itemContext: Context = {
      depth: context.depth + 1,
      quote: context.quote,
      pendingListMarker: { kind, ordinal, checked },
      inheritedStatus: combine(context.inheritedStatus, own),
    };
    walkChildren(type, itemContext, classify, out);
    // Only counted items that exist at the later point, so numbering matches what people see.
    if (own !== 'removed') ordinal++;
  }
}

function readInline(element: Y.XmlElement, status: ChangeStatus, classify: ItemClassifier, out: Segment[]): void {
  for (const item of childItems(element)) {
    if (!(item.content instanceof Y.ContentType)) continue;
    const own = classify.element(item);
    if (own === null) continue;
    const type = item.content.type;
    const inherited = combine(status, own);
    if (type instanceof Y.XmlText) {
      readText(type, inherited, classify, out);
    } else if (type instanceof Y.XmlElement && type.nodeName === 'hardBreak') {
      pushSegment(out, { text: '\n', marks: [], status: inherited, client: item.id.client, clock: item.id.clock });
    }
  }
}

function readText(text: Y.XmlText, status: ChangeStatus, classify: ItemClassifier, out: Segment[]): void {
  const attributes = new Map<string, unknown>();
  for (const item of childItems(text)) {
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      if (!(classify.format ? classify.format(item) : !item.deleted)) continue;
      if (content.value === null) attributes.delete(content.key);
      else attributes.set(content.key, content.value);
      continue;
    }
    if (!(content instanceof Y.ContentString)) continue;
    const marks = marksOf(attributes);
    for (const piece of classify.text(item)) {
      pushSegment(out, {
        text: content.str.slice(piece.offset, piece.offset + piece.length),
        marks,
        status: combine(status, piece.status),
        client: item.id.client,
        clock: item.id.clock + piece.offset,
      });
    }
  }
}

function attributeOf(element: Y.XmlElement, name: string, classify: ItemClassifier): unknown {
  return classify.attribute ? classify.attribute(element, name) : element.getAttribute(name);
}

function marksOf(attributes: Map<string, unknown>): Mark[] {
  const marks: Mark[] = [];
  for (const [key, value] of attributes) {
    // y-prosemirror suffixes overlapping marks of one type ("bold--abc"); the name is before "--".
    const name = key.split('--')[0] ?? key;
    const href = value && typeof value === 'object' && 'href' in value ? String((value as { href: unknown }).href) : undefined;
    marks.push(href ? { name, href } : { name });
  }
  return marks.sort((a, b) => a.name.localeCompare(b.name));
}

function sameMarks(a: Mark[], b: Mark[]): boolean {
  return a.length === b.length && a.every((mark, i) => mark.name === b[i]?.name && mark.href === b[i]?.href);
}

/** Consecutive runs with the same look, status and author are one segment (a typed word is many Yjs items). */
function pushSegment(out: Segment[], segment: Segment): void {
  const last = out[out.length - 1];
  // Removed runs stay apart: neighbouring removed items may have been deleted by different people.
  const mergeable =
    last && last.status === segment.status && sameMarks(last.marks, segment.marks) && (segment.status === 'same' || (segment.status === 'added' && last.client === segment.client));
  if (mergeable) last.text += segment.text;
  else out.push(segment);
}

function clampLevel(value: unknown): number {
  const level = Number(value);
  return Number.isInteger(level) && level >= 1 && level <= 6 ? level : 1;
}

/** The plain text of a block: what a person reads, without marks. */
export function blockText(block: Block): string {
  return block.segments.map((segment) => segment.text).join('');
}
