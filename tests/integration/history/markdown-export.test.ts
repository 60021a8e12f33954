/**
 * The agreement's Markdown export opened in a Markdown viewer: whatever the partners wrote (a title,
 * a note, links, raw HTML) renders as their words and never as HTML or a `javascript:` link; times
 * read as a person writes them; no sentence ends twice. And versions stored before this escaping
 * still verify, still count as "what the agreement says" and export safely.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agreementVersions } from '../../../drizzle/schema';
import { createAgreement } from '../../../server/domain/agreements/create-agreement';
import { hashRecord } from '../../../server/domain/history/hash-chain';
import { readChainRecords } from '../../../server/domain/versions/agreement-chain';
import { exportAgreementMarkdown } from '../../../server/domain/versions/export-agreement';
import { getAgreementVersions } from '../../../server/domain/versions/get-agreement-versions';
import { proposeVersion } from '../../../server/domain/versions/propose-version';
import { signVersion } from '../../../server/domain/versions/sign-version';
import { verifyStoredChain } from '../../../server/domain/versions/verify-agreement-history';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import type { Editor } from '../../unit/history/agreement-editing';
import { expectHarmless, readableText, renderMarkdown } from '../../unit/markdown/render-markdown';
import { editAgreement } from './agreement-editing-db';

const TITLE = '# <img src=x onerror=alert(1)>';
const NOTE = '<img src=x onerror=alert(1)> Please sign this week.';
const CRAFTED_HREF = 'https://x.example/a b)<img src=x onerror=alert(1)>';

/** One paragraph of runs, each with the marks Tiptap's Collaboration extension would store. */
function addRichParagraph(editor: Editor, runs: Array<[string, Record<string, unknown>?]>): void {
  editor.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    editor.fragment.insert(editor.fragment.length, [paragraph]);
    let at = 0;
    for (const [words, marks] of runs) {
      text.insert(at, words, marks ?? {});
      at += words.length;
    }
  });
}

describe.each(testDatabaseKinds())('the agreement Markdown export on %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setUp() {
    const couple = await makeCouple(t.db);
    const agreement = await createAgreement(t.db, { userId: couple.alex.id }, couple.space.id, { title: TITLE });
    await editAgreement(t.db, agreement.id, couple.alex.id, (e) => {
      e.addParagraph('We keep our phones unlocked <img src=x onerror=alert(1)>.');
      addRichParagraph(e, [
        ['Read '],
        ['the plan', { link: { href: 'javascript:alert(1)' } }],
        [', then '],
        ['this', { link: { href: CRAFTED_HREF } }],
        [' and '],
        ['the FAQ', { link: { href: 'https://example.com/faq' } }],
        ['.'],
      ]);
    });
    return { ...couple, agreement, alexV: { userId: couple.alex.id }, samV: { userId: couple.sam.id } };
  }

  it('renders the title, the note and the text as written, with no HTML and no unsafe link', async () => {
    const s = await setUp();
    await proposeVersion(t.db, s.alexV, s.agreement.id, { note: NOTE }, new Date('2026-12-02T14:05:31Z'));
    await signVersion(t.db, s.samV, s.agreement.id, 1, new Date('2026-12-03T09:00:00Z'));

    for (const exported of [
      await exportAgreementMarkdown(t.db, s.samV, s.agreement.id, null, new Date('2026-12-04T18:30:00Z')),
      await exportAgreementMarkdown(t.db, s.alexV, s.agreement.id, 1),
    ]) {
      const rendered = renderMarkdown(exported.markdown);
      expectHarmless(rendered);
      expectHarmless(renderMarkdown(exported.markdown, { gfm: false }));
      expect(rendered.tags[0]).toEqual({ name: 'h1', attributes: '' });
      const text = readableText(rendered.text);
      expect(text).toContain('We keep our phones unlocked <img src=x onerror=alert(1)>.');
      expect(text).toContain('Read the plan, then this and the FAQ.');
      // The one web link stays a link; the javascript: one is plain words; the crafted one is one link, encoded.
      expect(rendered.hrefs).toEqual(['https://x.example/a%20b)%3Cimg%20src=x%20onerror=alert(1)%3E', 'https://example.com/faq']);
      // No raw ISO timestamp anywhere.
      expect(exported.markdown).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    }

    const current = await exportAgreementMarkdown(t.db, s.samV, s.agreement.id, null, new Date('2026-12-04T18:30:00Z'));
    expect(readableText(renderMarkdown(current.markdown).text).split('\n').slice(0, 2)).toEqual([TITLE, 'Current text, exported 4 December 2026, 18:30 UTC. Not a signed version.']);

    const version = await exportAgreementMarkdown(t.db, s.alexV, s.agreement.id, 1);
    const lines = readableText(renderMarkdown(version.markdown).text).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      `${TITLE}, version 1`,
      'Proposed by Alex on 2 December 2026, 14:05 UTC.',
      // The note ends the line with its own full stop, not a second one of ours.
      `Note: “${NOTE}”`,
      expect.stringMatching(/^Version record hash: [0-9a-f]{64}$/),
    ]);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^Signed by Sam on 3 December 2026, 09:00 UTC \(record hash [0-9a-f]{64}\)$/)]));
    expect(version.markdown).not.toMatch(/[.!?]”?\.(\s|$)/);
  });

  it('keeps versions stored in the earlier Markdown form verifiable, current and safe to export', async () => {
    const s = await setUp();
    const proposed = await proposeVersion(t.db, s.alexV, s.agreement.id, {}, new Date('2026-12-02T14:05:00Z'));
    // What Mend stored before escaping was made stricter: the link written out raw, "<" escaped with
    // a backslash. Its hash is the one that Mend computed then, so the chain is intact.
    const earlierForm = proposed.content
      .replace('the plan', '[the plan](javascript:alert(1))')
      .replace(/\[this\]\(<[^>]*>\)/, `[this](${CRAFTED_HREF})`)
      .replace('&lt;img', '\\<img');
    expect(earlierForm).not.toBe(proposed.content);
    const [record] = await readChainRecords(t.db, s.agreement.id);
    if (record?.kind !== 'version') throw new Error('The first record of the chain should be version 1.');
    await t.db
      .update(agreementVersions)
      .set({ content: earlierForm, hash: hashRecord({ ...record, content: earlierForm }) })
      .where(eq(agreementVersions.id, proposed.id));

    expect(await verifyStoredChain(t.db, s.agreement.id)).toMatchObject({ ok: true, records: 1 });
    // Still the text the agreement says: open for signing, not "stale".
    expect((await getAgreementVersions(t.db, s.samV, s.agreement.id)).proposal).toMatchObject({ number: 1, state: 'open' });
    await signVersion(t.db, s.samV, s.agreement.id, 1);
    await signVersion(t.db, s.alexV, s.agreement.id, 1);
    const versions = await getAgreementVersions(t.db, s.alexV, s.agreement.id);
    expect(versions.inEffect).toMatchObject({ number: 1 });
    expect(versions.changedSinceSigned).toBe(false);
    await expect(proposeVersion(t.db, s.alexV, s.agreement.id, {})).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already in effect as version 1') });

    // The export does not hand out the raw stored link: it writes the same words out safely, and says so.
    const exported = await exportAgreementMarkdown(t.db, s.samV, s.agreement.id, 1);
    expect(exported.markdown).toContain('earlier Markdown form');
    expectHarmless(renderMarkdown(exported.markdown));
    expect(readableText(renderMarkdown(exported.markdown).text)).toContain('Read the plan, then this and the FAQ.');

    // A real change afterwards shows as one, and the next version (in today's form) chains on.
    await editAgreement(t.db, s.agreement.id, s.alexV.userId, (e) => e.addParagraph('We check in on Sundays.'));
    expect((await getAgreementVersions(t.db, s.alexV, s.agreement.id)).changedSinceSigned).toBe(true);
    await proposeVersion(t.db, s.alexV, s.agreement.id, {});
    expect(await verifyStoredChain(t.db, s.agreement.id)).toMatchObject({ ok: true, records: 4 });
  });
});
