/**
 * ProseMirror JSON (as Tiptap's StarterKit + task lists write it) to Markdown, for exports.
 * Pure and total: an unknown node keeps its text, so an export never drops words. Words are escaped
 * so they read literally and only web and e-mail links stay links
 * (server/domain/markdown/escape-markdown.ts): a file opened in any Markdown viewer runs nothing.
 */
import { codeLines, escapeMarkdownRuns, escapeMarkdownText, markdownCodeFence, markdownCodeLanguage, markdownCodeSpan, markdownLink } from '../markdown/escape-markdown';
import type { ProseMirrorNode } from './load-document-content';

export function prosemirrorToMarkdown(root: ProseMirrorNode): string {
  const blocks = (root.content ?? []).map((node) => block(node, '')).filter((text) => text !== '');
  return blocks.join('\n\n').replace(/\n{3,}/g, '\n\n').trim();
}

function block(node: ProseMirrorNode, indent: string): string {
  switch (node.type) {
    case 'paragraph':
      return indent + inline(node.content).replace(/\n/g, `\n${indent}`);
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 2)));
      return `${indent}${'#'.repeat(level)} ${inline(node.content)}`;
    }
    case 'bulletList':
      return listItems(node, indent, () => '- ');
    case 'orderedList': {
      const start = Number(node.attrs?.start ?? 1);
      return listItems(node, indent, (index) => `${start + index}. `);
    }
    case 'taskList':
      return listItems(node, indent, (_index, item) => (item.attrs?.checked ? '- [x] ' : '- [ ] '));
    case 'blockquote':
      return (node.content ?? [])
        .map((child) => block(child, ''))
        .join('\n\n')
        .split('\n')
        .map((line) => `${indent}> ${line}`.trimEnd())
        .join('\n');
    case 'codeBlock': {
      const code = (node.content ?? []).map((child) => child.text ?? '').join('');
      const fence = markdownCodeFence(code);
      return [fence + markdownCodeLanguage(node.attrs?.language), ...codeLines(code), fence].map((line) => indent + line).join('\n');
    }
    case 'horizontalRule':
      return `${indent}---`;
    default:
      if (node.content) return (node.content ?? []).map((child) => block(child, indent)).filter(Boolean).join('\n\n');
      return indent + escapeMarkdownText(node.text ?? '');
  }
}

function listItems(list: ProseMirrorNode, indent: string, marker: (index: number, item: ProseMirrorNode) => string): string {
  return (list.content ?? [])
    .map((item, index) => {
      const prefix = marker(index, item);
      const children = item.content ?? [];
      const [first, ...rest] = children;
      const head = first ? block(first, '') : '';
      // The item's content starts after "- " or "1. "; a task's "[ ] " is part of that content.
      const width = list.type === 'taskList' ? 2 : prefix.length;
      const nested = rest.map((child) => block(child, indent + ' '.repeat(width))).filter(Boolean);
      return [`${indent}${prefix}${head}`, ...nested].join('\n');
    })
    .join('\n');
}

function inline(nodes: ProseMirrorNode[] | undefined): string {
  const runs = flattenInline(nodes ?? []);
  // Escaped together: whether a character starts markup can depend on its neighbours in the next run.
  const escaped = escapeMarkdownRuns(runs.map((run) => run.text));
  return runs.map((run, i) => (run.hardBreak ? '  \n' : withMarks(run.text, escaped[i]!, run.marks))).join('');
}

interface InlineRun {
  text: string;
  marks: NonNullable<ProseMirrorNode['marks']>;
  hardBreak: boolean;
}

/**
 * Text nodes and hard breaks in reading order; an unknown inline node keeps its text. Neighbouring
 * text with the same marks is one run: two code spans side by side would merge their backticks.
 */
function flattenInline(nodes: ProseMirrorNode[]): InlineRun[] {
  const runs: InlineRun[] = [];
  for (const run of inlineRuns(nodes)) {
    const last = runs.at(-1);
    if (last && !last.hardBreak && !run.hardBreak && JSON.stringify(last.marks) === JSON.stringify(run.marks)) last.text += run.text;
    else runs.push({ ...run });
  }
  return runs;
}

function inlineRuns(nodes: ProseMirrorNode[]): InlineRun[] {
  return nodes.flatMap((node): InlineRun[] => {
    if (node.type === 'hardBreak') return [{ text: '\n', marks: [], hardBreak: true }];
    if (node.type !== 'text') return inlineRuns(node.content ?? []);
    // A stored carriage return is a line break to a Markdown reader: one kind of line break is enough.
    return [{ text: (node.text ?? '').replace(/\r\n?/g, '\n'), marks: node.marks ?? [], hardBreak: false }];
  });
}

function withMarks(text: string, escaped: string, marks: NonNullable<ProseMirrorNode['marks']>): string {
  if (text.trim() === '') return escaped;
  const types = new Set(marks.map((m) => m.type));
  if (types.has('code')) return linked(markdownCodeSpan(text), marks);
  // Emphasis cannot start or end on a space: keep surrounding spaces outside the markers.
  const leading = escaped.match(/^\s*/)?.[0] ?? '';
  const trailing = escaped.match(/\s*$/)?.[0] ?? '';
  let out = escaped.slice(leading.length, escaped.length - trailing.length);
  if (types.has('bold')) out = `**${out}**`;
  if (types.has('italic')) out = `*${out}*`;
  if (types.has('strike')) out = `~~${out}~~`;
  return leading + linked(out, marks) + trailing;
}

function linked(markdown: string, marks: NonNullable<ProseMirrorNode['marks']>): string {
  const link = marks.find((m) => m.type === 'link');
  return link ? markdownLink(markdown, link.attrs?.href) : markdown;
}
