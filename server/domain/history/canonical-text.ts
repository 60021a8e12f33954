/**
 * The canonical text of an agreement: Markdown written from its blocks. It is what versions store,
 * what the hash chain hashes and what the Markdown export downloads, so it must be deterministic:
 * the same document content always gives the same string, whatever the Yjs item layout.
 *
 * Its Markdown is also safe to open anywhere: words are escaped so they read literally, and only
 * web and e-mail links stay links (server/domain/markdown/escape-markdown.ts). Versions store the
 * text as it was when proposed and the hash chain covers that stored text, so a change to how text
 * is written here never alters or invalidates an earlier version: it only shapes versions to come.
 */
import type * as Y from 'yjs';
import { codeLines, escapeMarkdownRuns, markdownCodeFence, markdownCodeSpan, markdownLink } from '../markdown/escape-markdown';
import { readBlocks, type Block, type Segment } from './document-blocks';

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
    // Every line gets the block's prefix, whatever line ending it was stored with: a line that lost
    // its "> " would end a quoted code block and be read as Markdown.
    const fence = markdownCodeFence(code);
    return [fence, ...codeLines(code), fence].map((line) => `${indent}${quote}${line}`).join('\n');
  }
  // Escaped together: whether a character starts markup can depend on its neighbours in the next run.
  const escaped = escapeMarkdownRuns(segments.map((segment) => segment.text));
  const text = segments.map((segment, i) => inlineMarkdown(segment, escaped[i]!)).join('');
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
  return `${indent}${quote}${marker}${heading}${text.split(/\r\n|\r|\n/).join(continuation)}`;
}

function inlineMarkdown(segment: Segment, escaped: string): string {
  if (!segment.text) return '';
  const names = new Set(segment.marks.map((mark) => mark.name));
  if (names.has('code')) return markdownCodeSpan(segment.text);
  let out = escaped;
  // Markdown emphasis cannot start or end on a space: keep surrounding spaces outside the markers.
  const leading = out.match(/^\s*/)?.[0] ?? '';
  const trailing = out.match(/\s*$/)?.[0] ?? '';
  let core = out.slice(leading.length, out.length - trailing.length);
  if (!core) return out;
  if (names.has('strike')) core = `~~${core}~~`;
  if (names.has('italic')) core = `_${core}_`;
  if (names.has('bold')) core = `**${core}**`;
  const link = segment.marks.find((mark) => mark.name === 'link' && mark.href);
  if (link) core = markdownLink(core, link.href);
  out = leading + core + trailing;
  return out;
}
