import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { documentSchema } from '../../../server/documents/editor-schema';
import { documentToJson, isEmptyContent, type ProseMirrorNode } from '../../../server/domain/journal/load-document-content';
import { prosemirrorToMarkdown } from '../../../server/domain/journal/prosemirror-to-markdown';

const doc = (...content: ProseMirrorNode[]): ProseMirrorNode => ({ type: 'doc', content });
const p = (...content: ProseMirrorNode[]): ProseMirrorNode => ({ type: 'paragraph', content });
const t = (text: string, marks?: Array<{ type: string; attrs?: Record<string, unknown> }>): ProseMirrorNode => ({ type: 'text', text, ...(marks ? { marks } : {}) });

describe('journal export: ProseMirror to Markdown', () => {
  it('writes headings, paragraphs, marks, lists, tasks and quotes', () => {
    const markdown = prosemirrorToMarkdown(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [t('Monday')] },
        p(t('I felt '), t('calm', [{ type: 'bold' }]), t(' and '), t('seen', [{ type: 'italic' }]), t('.')),
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('walk'))] }, { type: 'listItem', content: [p(t('call mum'))] }] },
        { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [p(t('first'))] }] },
        { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [p(t('rest'))] }, { type: 'taskItem', attrs: { checked: false }, content: [p(t('write'))] }] },
        { type: 'blockquote', content: [p(t('breathe'))] },
        p(t('see '), t('this', [{ type: 'link', attrs: { href: 'https://example.com' } }])),
      ),
    );
    expect(markdown).toBe(
      ['## Monday', 'I felt **calm** and *seen*.', '- walk\n- call mum', '1. first', '- [x] rest\n- [ ] write', '> breathe', 'see [this](https://example.com)'].join('\n\n'),
    );
  });

  it('keeps a person’s words literal: Markdown characters are escaped', () => {
    expect(prosemirrorToMarkdown(doc(p(t('# not a heading, *not* bold'))))).toBe('\\# not a heading, \\*not\\* bold');
  });

  it('reads the text out of a real Yjs document written with the editor’s schema', () => {
    const ydoc = prosemirrorJSONToYDoc(documentSchema(), doc({ type: 'heading', attrs: { level: 2 }, content: [t('Today')] }, p(t('a quiet walk'))), 'default');
    const json = documentToJson(ydoc);
    expect(prosemirrorToMarkdown(json)).toBe('## Today\n\na quiet walk');
    expect(isEmptyContent(json)).toBe(false);
    expect(isEmptyContent(documentToJson(new Y.Doc()))).toBe(true);
  });
});
