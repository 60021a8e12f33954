import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type { JSONContent } from '@tiptap/core';
import { COLLABORATION_FIELD, documentSchema } from '../../../server/documents/editor-schema';
import { agreementTemplateIds, agreementTemplateUpdate, agreementTemplates } from '../../../server/domain/agreements/templates';

function textOf(node: JSONContent): string {
  return node.text ?? (node.content ?? []).map(textOf).join('');
}

function decode(update: Uint8Array): JSONContent {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, update);
  return yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(COLLABORATION_FIELD)) as JSONContent;
}

describe('agreement templates', () => {
  it('offers the four starter areas, each once', () => {
    expect(agreementTemplates.map((t) => t.id)).toEqual([...agreementTemplateIds]);
    expect(agreementTemplates.map((t) => t.title)).toEqual(['Phone and privacy', 'Contact with a third person', 'How we talk when upset', 'Time and space']);
  });

  it.each(agreementTemplateIds)('%s becomes a Yjs document the editor schema accepts, with its headings and an open checklist', (id) => {
    const update = agreementTemplateUpdate(id);
    const json = decode(update);
    // The editor's own schema must accept what the server seeds, node for node.
    expect(() => documentSchema().nodeFromJSON(json).check()).not.toThrow();
    const headings = (json.content ?? []).filter((node) => node.type === 'heading').map(textOf);
    expect(headings[0]).toBe('Why we are making this agreement');
    expect(headings.at(-1)).toBe('When we will look at this again');
    expect(headings.length).toBeGreaterThanOrEqual(4);
    const tasks = (json.content ?? []).filter((node) => node.type === 'taskList').flatMap((list) => list.content ?? []);
    expect(tasks.length).toBeGreaterThanOrEqual(3);
    expect(tasks.every((task) => task.attrs?.checked === false)).toBe(true);
    // Round trip: decoding gives back exactly the template as written.
    const template = agreementTemplates.find((t) => t.id === id)!;
    expect(textOf(json)).toBe(textOf(template.content));
  });

  it('speaks as "we" and never blames', () => {
    for (const template of agreementTemplates) {
      const words = textOf(template.content);
      expect(words).toMatch(/\bWe\b|\bwe\b/);
      expect(words).not.toMatch(/fault|blame|cheat|betray/i);
    }
  });

  it('merges a seeded template with an edit made on top of it', () => {
    const seeded = agreementTemplateUpdate('time-and-space');
    const editor = new Y.Doc();
    Y.applyUpdate(editor, seeded);
    const fragment = editor.getXmlFragment(COLLABORATION_FIELD);
    const firstHeading = fragment.get(0) as Y.XmlElement;
    (firstHeading.get(0) as Y.XmlText).insert(0, 'Our ');
    const server = new Y.Doc();
    Y.applyUpdate(server, seeded);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(editor, Y.encodeStateVector(server)));
    expect(textOf((decode(Y.encodeStateAsUpdate(server)).content ?? [])[0]!)).toBe('Our Why we are making this agreement');
  });
});
