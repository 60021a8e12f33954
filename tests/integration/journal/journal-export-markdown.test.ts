/**
 * The journal's Markdown export opened in a Markdown viewer: an entry's words, links and code, and
 * feelings in the person's own words, render as written, never as HTML or a `javascript:` link; the
 * export says when it was made in words.
 */
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentUpdates } from '../../../drizzle/schema';
import { documentSchema } from '../../../server/documents/editor-schema';
import { createJournalEntry } from '../../../server/domain/journal/create-journal-entry';
import { exportJournal } from '../../../server/domain/journal/export-journal';
import type { ProseMirrorNode } from '../../../server/domain/journal/load-document-content';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import { expectHarmless, readableText, renderMarkdown } from '../../unit/markdown/render-markdown';

const text = (words: string, marks?: ProseMirrorNode['marks']): ProseMirrorNode => ({ type: 'text', text: words, ...(marks ? { marks } : {}) });
const link = (href: string) => [{ type: 'link', attrs: { href } }];

describe.each(testDatabaseKinds())('the journal Markdown export on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('renders every entry as written, with no HTML and no unsafe link, and dates it in words', async () => {
    const { alex } = await makeCouple(t.db);
    const entry = await createJournalEntry(t.db, { userId: alex.id }, { entryDate: '2026-11-30', feelings: [{ word: '<img src=x onerror=alert(1)>', ownWords: true, intensity: 2 }] });
    const content: ProseMirrorNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('<script>alert(1)</script>')] },
        { type: 'paragraph', content: [text('Saw '), text('this', link('javascript:alert(1)')), text(' and '), text('that', link('https://example.com/a b)<img src=x onerror=alert(1)>')), text('.')] },
        // A backtick in code used to close the span early and let the rest through as HTML.
        { type: 'paragraph', content: [text('a`<img src=x onerror=alert(1)>`', [{ type: 'code' }])] },
        { type: 'codeBlock', attrs: { language: 'js\n<img src=x onerror=alert(1)>' }, content: [text('```\n<img src=x onerror=alert(1)>')] },
      ],
    };
    const doc = prosemirrorJSONToYDoc(documentSchema(), content, 'default');
    await t.db.insert(documentUpdates).values({ documentId: entry.documentId, seq: 1, update: Y.encodeStateAsUpdate(doc), authorId: alex.id });
    doc.destroy();

    const markdown = await exportJournal(t.db, { userId: alex.id }, new Date('2026-12-02T14:05:00Z'));
    const rendered = renderMarkdown(markdown);
    expectHarmless(rendered);
    expectHarmless(renderMarkdown(markdown, { gfm: false }));
    expect(rendered.hrefs).toEqual(['https://example.com/a%20b)%3Cimg%20src=x%20onerror=alert(1)%3E']);
    const lines = readableText(rendered.text).split('\n');
    expect(lines).toEqual([
      'My journal',
      'Exported 2 December 2026, 14:05 UTC. Private: only you can read this.',
      '30 November 2026',
      'Feelings: <img src=x onerror=alert(1)> (In my own words, somewhat)',
      '<script>alert(1)</script>',
      'Saw this and that.',
      'a`<img src=x onerror=alert(1)>`',
      '```',
      '<img src=x onerror=alert(1)>',
    ]);
    expect(markdown).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });
});
