import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdownRuns, escapeMarkdownText, markdownCodeFence, markdownCodeSpan, markdownLink, markdownLinkDestination } from '../../../server/domain/markdown/escape-markdown';
import { expectHarmless, isSafeHref, readableText, renderMarkdown } from './render-markdown';

/** Characters and words that mean something to Markdown or HTML, so generated text is full of them. */
const TRICKY = [
  ...'#*_-+=>< &;[](){}!`~|\\:/.1234567890)\t\n\r"\'',
  'a', 'b', 'Z', 'é', '😀', '\u00a0',
  '<img src=x onerror=alert(1)>', '<script>', '<details open ontoggle=alert(1)>', '<!--', '&lt;', '&#60;', '&amp;', '&copy;',
  'javascript:alert(1)', 'https://example.com', 'www.example.com', '[x](javascript:alert(1))', '![i](x)', '```', '~~~', '    ', '1. ', '- ', '---', '===', '[^1]: ', '[a]: /b', '| a | b |\n|---|---|',
];
const trickyText = fc.array(fc.constantFrom(...TRICKY), { maxLength: 40 }).map((parts) => parts.join(''));
/** Any Unicode text, except NUL, which every Markdown parser replaces with U+FFFD by the spec. */
const anyText = fc.string({ unit: 'binary', maxLength: 60 }).map((text) => text.replace(/\0/g, ''));

describe('escaping a person’s words for Markdown', () => {
  it('neutralises the reported title: no image, no event handler, the words as typed', () => {
    const rendered = renderMarkdown(`# ${escapeMarkdownText('# <img src=x onerror=alert(1)>')}`);
    expectHarmless(rendered);
    expect(rendered.tags.map((tag) => tag.name)).toEqual(['h1', 'h1']);
    expect(rendered.text).toBe('# <img src=x onerror=alert(1)>');
  });

  it('keeps text that is not markup exactly as it was written', () => {
    const plain = 'We share big purchases (over £200) first, and we talk - calmly - before deciding! Okay? 50% each: yes.';
    expect(escapeMarkdownText(plain)).toBe(plain);
    expect(escapeMarkdownText('Tom & Jerry')).toBe('Tom & Jerry');
  });

  it('escapes what would start structure at the start of a line, and only there', () => {
    expect(escapeMarkdownText('- not a list\n+ nor this\n1. nor this\n2) nor this\n===\n--\n  - indented')).toBe(
      '\\- not a list\n\\+ nor this\n1\\. nor this\n2\\) nor this\n\\===\n\\--\n  \\- indented',
    );
    expect(escapeMarkdownText('well-being, 1. and 2) and a = b')).toBe('well-being, 1. and 2) and a = b');
    expect(escapeMarkdownText('    four spaces would be code')).toBe('&#32;   four spaces would be code');
    expect(escapeMarkdownText('&lt; is not <')).toBe('\\&lt; is not &lt;');
  });

  it('decides across runs of differently formatted text as if they were one', () => {
    // "1" plain and ". item" in bold: together they would start a numbered list.
    expect(escapeMarkdownRuns(['1', '. item'])).toEqual(['1', '\\. item']);
    expect(escapeMarkdownRuns(['&lt', ';'])).toEqual(['\\&lt', ';']);
  });

  it('renders any text back as exactly the words, with no HTML, image or unsafe link', () => {
    fc.assert(
      fc.property(fc.oneof(trickyText, anyText), (text) => {
        const markdown = escapeMarkdownText(text);
        const commonMark = renderMarkdown(markdown, { gfm: false });
        const github = renderMarkdown(markdown);
        expectHarmless(commonMark);
        expectHarmless(github);
        // Paragraphs and line breaks only: no heading, list, quote, code, table or emphasis.
        expect(commonMark.tags.filter((tag) => tag.name !== 'p' && tag.name !== 'br')).toEqual([]);
        expect(github.tags.filter((tag) => tag.name !== 'p' && tag.name !== 'br' && tag.name !== 'a')).toEqual([]);
        expect(readableText(commonMark.text)).toBe(readableText(text));
        expect(readableText(renderMarkdown(markdown, { bareLinks: false }).text)).toBe(readableText(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps code literal: a span or a fence cannot be closed from inside', () => {
    expect(markdownCodeSpan('a`b')).toBe('``a`b``');
    expect(markdownCodeSpan('`x`')).toBe('`` `x` ``');
    expect(markdownCodeFence('```\nnot the end')).toBe('````');
    fc.assert(
      fc.property(fc.oneof(trickyText, anyText), (code) => {
        const rendered = renderMarkdown(`a ${markdownCodeSpan(code)} b`);
        expectHarmless(rendered);
        const fence = markdownCodeFence(code);
        expectHarmless(renderMarkdown(`${fence}\n${code.replace(/\r\n?/g, '\n')}\n${fence}\n\nafter`));
      }),
      { numRuns: 500 },
    );
  });
});

describe('links in an export', () => {
  it('keeps web and e-mail links, written as the person gave them', () => {
    expect(markdownLinkDestination('https://example.com/a_b?c=1&d=2#e')).toBe('https://example.com/a_b?c=1&d=2#e');
    expect(markdownLinkDestination('mailto:sam@example.com')).toBe('mailto:sam@example.com');
    expect(renderMarkdown(markdownLink('the plan', 'https://example.com/plan')).html).toBe('<p><a href="https://example.com/plan">the plan</a></p>\n');
  });

  it('turns any other link into plain text', () => {
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '/relative', '//evil.example', 'file:///etc/passwd', '']) {
      expect(markdownLinkDestination(href), href).toBeNull();
      expect(markdownLink('click me', href)).toBe('click me');
    }
    expect(markdownLink('click me', undefined)).toBe('click me');
  });

  it('cannot be broken out of by a crafted address', () => {
    const crafted = 'https://x.example/a b)<img src=x onerror=alert(1)>';
    const markdown = markdownLink('see', crafted);
    expect(markdown).toBe('[see](<https://x.example/a%20b)%3Cimg%20src=x%20onerror=alert(1)%3E>)');
    const rendered = renderMarkdown(markdown);
    expectHarmless(rendered);
    expect(rendered.text).toBe('see');
    expect(rendered.hrefs).toEqual(['https://x.example/a%20b)%3Cimg%20src=x%20onerror=alert(1)%3E']);
  });

  it('gives the link text as written and a link only to a web or e-mail address, for any address', () => {
    const prefix = fc.constantFrom('javascript:', 'JaVaScRiPt:', ' javascript:', 'java\nscript:', 'http://', 'https://', 'HTTPS://', 'mailto:', 'data:', 'vbscript:', '//', '', 'https://a.example/');
    // Link text is one line: the editor ends a link at a line break.
    const words = fc.oneof(trickyText, anyText).map((text) => text.replace(/[\r\n]/g, ' '));
    fc.assert(
      fc.property(prefix, fc.oneof(trickyText, anyText), words, (start, rest, text) => {
        const href = start + rest;
        const escaped = escapeMarkdownText(text);
        const rendered = renderMarkdown(markdownLink(escaped, href));
        expectHarmless(rendered);
        expectHarmless(renderMarkdown(markdownLink(escaped, href), { gfm: false }));
        expect(readableText(renderMarkdown(markdownLink(escaped, href), { gfm: false }).text)).toBe(readableText(text));
        const destination = markdownLinkDestination(href);
        // Refused: the words alone, linked no more than they would be on their own.
        if (destination === null) expect(rendered.hrefs).toEqual(renderMarkdown(escaped).hrefs);
        // Kept: the link goes to the same place the person linked (the parser's reading of both agrees).
        else expect(new URL(rendered.hrefs[0]!).href).toBe(new URL(destination.replace(/^<|>$/g, '').replace(/\\&/g, '&')).href);
      }),
      { numRuns: 1500 },
    );
  });
});
