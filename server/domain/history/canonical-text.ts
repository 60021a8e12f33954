/**
 * The canonical text of an agreement: Markdown written from its blocks. It is what versions store,
 * what the hash chain hashes and what the Markdown export downloads, so it must be deterministic:
 * the same document content always gives the same string, whatever the Yjs item layout.
 */
import type * as Y from 'yjs';
import { readBlocks, type Block, type Mark } from './document-blocks';

export function canonicalText(doc: Y.Doc): string {
  return blocksToMarkdown(readBlocks(doc));
}

export function blocksToMarkdown(blocks: Block[]): string {
  const lines: string[] = [];
  let previous: Block | null = null;
  for (const block of blocks) {
    if (block.status === 'removed') continue;
    const tight = previous?.list && (block.list || block.depth > 0) && block.depth > 0;
    if (previous) lines.push(tight ? '\n' : '\n\n');
    lines.push(blockToMarkdown(block));
    previous = block;
  }
  return lines.join('') + (lines.length ? '\n' : '');
}

function blockToMarkdown(block: Block): string {
  const indent = '   '.repeat(Math.max(0, block.depth - 1));
  const quote = block.quote ? '> ' : '';
  const segments = block.segments.filter((segment) => segment.status !== 'removed');
  if (block.kind === 'rule') return `${quote}---`;
  if (block.kind === 'code') {
    const code = segments.map((segment) => segment.text).join('');
    return ['```', ...code.split('\n'), '```'].map((line) => `${indent}${quote}${line}`).join('\n');
  }
  const text = segments.map((segment) => inlineMarkdown(segment.text, segment.marks)).join('');
  let marker = '';
  if (block.list) {
    if (block.list.kind === 'bullet') marker = '- ';
    else if (block.list.kind === 'ordered') marker = `${block.list.ordinal}. `;
    else marker = block.list.checked ? '- [x] ' : '- [ ] ';
  } else if (block.depth > 0) {
    // A second paragraph inside a list item lines up under the item's text.
    marker = '   ';
  }
  const heading = block.kind === 'heading' ? `${'#'.repeat(block.level ?? 1)} ` : '';
  // A hard break inside a paragraph is a Markdown line break (two spaces then newline).
  const continuation = `  \n${indent}${quote}${block.list || block.depth > 0 ? '   ' : ''}`;
  return `${indent}${quote}${marker}${heading}${text.split('\n').join(continuation)}`;
}

const SPECIAL = /([\\`*_[\]<>#|~])/g;

function inlineMarkdown(text: string, marks: Mark[]): string {
  if (!text) return '';
  const names = new Set(marks.map((mark) => mark.name));
  if (names.has('code')) return '`' + text.replace(/`/g, "'") + '`';
  let out = text.replace(SPECIAL, '\\$1');
  // Markdown emphasis cannot start or end on a space: keep surrounding spaces outside the markers.
  const leading = out.match(/^\s*/)?.[0] ?? '';
  const trailing = out.match(/\s*$/)?.[0] ?? '';
  let core = out.slice(leading.length, out.length - trailing.length);
  if (!core) return out;
  if (names.has('strike')) core = `~~${core}~~`;
  if (names.has('italic')) core = `_${core}_`;
  if (names.has('bold')) core = `**${core}**`;
  const link = marks.find((mark) => mark.name === 'link' && mark.href);
  if (link) core = `[${core}](${link.href})`;
  out = leading + core + trailing;
  return out;
}
