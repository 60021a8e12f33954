/**
 * ProseMirror JSON (as Tiptap's StarterKit + task lists write it) to Markdown, for exports.
 * Pure and total: an unknown node keeps its text, so an export never drops words.
 */
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
      const language = typeof node.attrs?.language === 'string' ? node.attrs.language : '';
      const code = (node.content ?? []).map((child) => child.text ?? '').join('');
      return `${indent}\`\`\`${language}\n${code}\n\`\`\``.replace(/\n/g, `\n${indent}`);
    }
    case 'horizontalRule':
      return `${indent}---`;
    default:
      if (node.content) return (node.content ?? []).map((child) => block(child, indent)).filter(Boolean).join('\n\n');
      return indent + (node.text ?? '');
  }
}

function listItems(list: ProseMirrorNode, indent: string, marker: (index: number, item: ProseMirrorNode) => string): string {
  return (list.content ?? [])
    .map((item, index) => {
      const prefix = marker(index, item);
      const children = item.content ?? [];
      const [first, ...rest] = children;
      const head = first ? block(first, '') : '';
      const nested = rest.map((child) => block(child, indent + ' '.repeat(prefix.length))).filter(Boolean);
      return [`${indent}${prefix}${head}`, ...nested].join('\n');
    })
    .join('\n');
}

function inline(nodes: ProseMirrorNode[] | undefined): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === 'hardBreak') return '  \n';
      if (node.type !== 'text') return inline(node.content);
      return withMarks(escapeMarkdown(node.text ?? ''), node.marks ?? []);
    })
    .join('');
}

function withMarks(text: string, marks: NonNullable<ProseMirrorNode['marks']>): string {
  if (text.trim() === '') return text;
  let out = text;
  const types = new Set(marks.map((m) => m.type));
  if (types.has('code')) out = '`' + out.replace(/\\([\\`*_~\[\]#<>])/g, '$1') + '`';
  if (types.has('bold')) out = `**${out}**`;
  if (types.has('italic')) out = `*${out}*`;
  if (types.has('strike')) out = `~~${out}~~`;
  const link = marks.find((m) => m.type === 'link');
  if (link && typeof link.attrs?.href === 'string') out = `[${out}](${link.attrs.href})`;
  return out;
}

/** Characters that would otherwise turn a person's words into formatting. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_~\[\]<>])/g, '\\$1').replace(/^(#{1,6}\s|[-+]\s|\d+\.\s|>)/, '\\$1');
}
