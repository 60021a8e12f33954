/**
 * Both Markdown writers, over any document the editor's schema allows: an agreement's canonical
 * text (what versions sign and the agreement export downloads) and the journal export. Whatever a
 * person (or a crafted client) puts in a document, the Markdown renders without raw HTML, images or
 * links other than web and e-mail addresses, and no word is lost.
 */
import fc from 'fast-check';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import { documentSchema } from '../../../server/documents/editor-schema';
import { canonicalText } from '../../../server/domain/history/canonical-text';
import type { ProseMirrorNode } from '../../../server/domain/journal/load-document-content';
import { prosemirrorToMarkdown } from '../../../server/domain/journal/prosemirror-to-markdown';
import { expectHarmless, renderMarkdown } from './render-markdown';

const WORDS = [
  ...'#*_-+=>< &;[](){}!`~|\\:/.1)\t"',
  'a', 'word', 'é', '😀',
  '<img src=x onerror=alert(1)>', '<details open ontoggle=alert(1)>', '&lt;', '&#60;', 'javascript:alert(1)', 'https://example.com', '[x](javascript:alert(1))', '```', '1. ', '- ', '---', '    ',
];
const words = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map((text) => text.replace(/\0/g, '') || 'x'),
);
const href = fc
  .tuple(fc.constantFrom('javascript:', ' JavaScript:', 'java\tscript:', 'https://a.example/', 'http://', 'mailto:', 'data:text/html,', '/relative', ''), fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 })))
  .map(([start, rest]) => start + rest);
const mark = fc.oneof(
  fc.constantFrom<ProseMirrorNode['marks'] & object>([{ type: 'bold' }], [{ type: 'italic' }], [{ type: 'strike' }], [{ type: 'underline' }], [{ type: 'code' }], [{ type: 'bold' }, { type: 'italic' }], []),
  href.map((target) => [{ type: 'link', attrs: { href: target } }]),
  href.map((target) => [{ type: 'bold' }, { type: 'link', attrs: { href: target } }]),
);
const inline = fc.array(
  fc.oneof({ weight: 5, arbitrary: fc.record({ type: fc.constant('text'), text: words, marks: mark }) }, { weight: 1, arbitrary: fc.constant<ProseMirrorNode>({ type: 'hardBreak' }) }),
  { maxLength: 6 },
);
const paragraph = inline.map((content): ProseMirrorNode => ({ type: 'paragraph', content }));

const { block } = fc.letrec<{ block: ProseMirrorNode }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    paragraph,
    fc.record({ type: fc.constant('heading'), attrs: fc.record({ level: fc.integer({ min: 1, max: 6 }) }), content: inline }),
    fc.record({ type: fc.constant('codeBlock'), attrs: fc.record({ language: fc.oneof(fc.constant(null), words) }), content: words.map((text) => [{ type: 'text', text }]) }),
    fc.constant({ type: 'horizontalRule' }),
    fc.array(tie('block'), { minLength: 1, maxLength: 2 }).map((content): ProseMirrorNode => ({ type: 'blockquote', content })),
    fc
      .tuple(fc.constantFrom('bulletList', 'orderedList', 'taskList'), fc.array(fc.tuple(paragraph, fc.array(tie('block'), { maxLength: 1 }), fc.boolean()), { minLength: 1, maxLength: 3 }))
      .map(([type, items]): ProseMirrorNode => ({
        type,
        ...(type === 'orderedList' ? { attrs: { start: 1 } } : {}),
        content: items.map(([first, rest, checked]) => ({ type: type === 'taskList' ? 'taskItem' : 'listItem', ...(type === 'taskList' ? { attrs: { checked } } : {}), content: [first, ...rest] })),
      })),
  ),
}));
const documents = fc.array(block, { minLength: 1, maxLength: 5 }).map((content): ProseMirrorNode => ({ type: 'doc', content }));

/** Every piece of text in the document, in order. */
function texts(node: ProseMirrorNode): string[] {
  if (node.type === 'text') return [node.text ?? ''];
  return (node.content ?? []).flatMap(texts);
}

/**
 * Words compared without what Markdown cannot always carry: white space (line and paragraph
 * breaks, a line's edges), the characters of emphasis (Markdown has no way to mark "bold" right
 * after a letter and before a bracket, so a marker may show as itself) and escapes (shown as
 * written where odd structure, below, turns a line into code).
 */
function comparable(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&#(32|9);/g, ' ')
    .replace(/[\s*_~\\]/g, '');
}

/**
 * Harmless, and every piece of text is there in order. Odd structure (an empty list item, a line
 * break first in an item) can still add a stray marker or show a line as code, so this checks that
 * nothing is lost; that escaped words read back exactly is proven in escape-markdown.test.ts.
 */
function expectSafeAndComplete(markdown: string, json: ProseMirrorNode): void {
  expectHarmless(renderMarkdown(markdown));
  expectHarmless(renderMarkdown(markdown, { gfm: false }));
  const shown = comparable(renderMarkdown(markdown, { bareLinks: false }).text);
  let from = 0;
  for (const text of texts(json).map(comparable)) {
    const at = shown.indexOf(text, from);
    expect(at, `${JSON.stringify(text)} in ${JSON.stringify(shown)} from ${markdown}`).toBeGreaterThanOrEqual(0);
    from = at + text.length;
  }
}

describe('Markdown written from any document', () => {
  it('the journal export renders harmless and keeps every word', () => {
    fc.assert(
      fc.property(documents, (json) => expectSafeAndComplete(prosemirrorToMarkdown(json), json)),
      { numRuns: 400 },
    );
  });

  it('an agreement’s canonical text renders harmless and keeps every word', () => {
    const schema = documentSchema();
    fc.assert(
      fc.property(documents, (json) => {
        const doc = prosemirrorJSONToYDoc(schema, json, 'default');
        try {
          expectSafeAndComplete(canonicalText(doc), json);
        } finally {
          doc.destroy();
        }
      }),
      { numRuns: 400 },
    );
  });
});
