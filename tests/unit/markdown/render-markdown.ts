/**
 * Renders Markdown the way a person's viewer would (marked, with GitHub's extensions and raw HTML
 * passed through, as most viewers do) and reports what came out: the HTML, every tag with its
 * attributes, the links, and the text a reader sees.
 */
import { Marked, type Token } from 'marked';
import { expect } from 'vitest';

export interface RenderedMarkdown {
  html: string;
  /** Tags in the HTML, with their attributes as written. */
  tags: Array<{ name: string; attributes: string }>;
  /** Raw HTML that the Markdown carried through (what an injection looks like). */
  rawHtml: string[];
  /** The destination of every link and image the parser found. */
  hrefs: string[];
  /** What a reader sees, tags removed and character references decoded. */
  text: string;
}

const githubStyle = new Marked({ gfm: true });
const commonMark = new Marked({ gfm: false });
/** A tokenizer that answers undefined finds nothing (false would hand over to the default one). */
const githubStyleWithoutBareLinks = new Marked({ gfm: true }, { tokenizer: { url: () => undefined } });

/**
 * `gfm: false` reads strict CommonMark. With GitHub's extensions a web address written out in the
 * text becomes a link by itself, running on to the next space: it shows any escaping backslash
 * inside it and takes in Markdown written right after it. Harmless, but not the text as written, so
 * `bareLinks: false` turns that one extension off to compare words.
 */
export function renderMarkdown(markdown: string, { gfm = true, bareLinks = true }: { gfm?: boolean; bareLinks?: boolean } = {}): RenderedMarkdown {
  const marked = !gfm ? commonMark : bareLinks ? githubStyle : githubStyleWithoutBareLinks;
  const html = marked.parse(markdown, { async: false });
  const rawHtml: string[] = [];
  const hrefs: string[] = [];
  marked.walkTokens(marked.lexer(markdown), (token: Token) => {
    if (token.type === 'html') rawHtml.push(token.raw);
    if (token.type === 'link' || token.type === 'image') hrefs.push(token.href);
  });
  const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map((m) => ({ name: m[1]!.toLowerCase(), attributes: m[2]!.trim() }));
  const text = decodeCharacterReferences(html.replace(/<br\s*\/?>\n?/g, '\n').replace(/<[^>]*>/g, '')).replace(/\n+$/, '');
  return { html, tags, rawHtml, hrefs, text };
}

function decodeCharacterReferences(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return named[name] ?? whole;
  });
}

const SAFE_PROTOCOLS = ['http:', 'https:', 'mailto:'];

/** The elements Markdown itself makes; anything else came from raw HTML. */
const MARKDOWN_ELEMENTS = new Set(['p', 'br', 'a', 'em', 'strong', 'del', 'code', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'hr', 'input']);

/** Reads the scheme the way a browser's URL parser does: tabs and newlines dropped, leading controls and spaces trimmed. */
export function isSafeHref(href: string): boolean {
  const cleaned = href.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned)?.[1]?.toLowerCase();
  return scheme !== undefined && SAFE_PROTOCOLS.includes(`${scheme}:`);
}

/**
 * Nothing in the rendered Markdown can run or mislead: no raw HTML, only the elements Markdown
 * makes, no event-handler attributes, and links only to web pages and e-mail addresses.
 */
export function expectHarmless(rendered: RenderedMarkdown): void {
  expect(rendered.rawHtml).toEqual([]);
  expect(rendered.html).not.toMatch(/<img/i);
  for (const tag of rendered.tags) {
    expect(MARKDOWN_ELEMENTS.has(tag.name), `<${tag.name}> is not an element Markdown makes`).toBe(true);
    expect(tag.attributes).not.toMatch(/(^|\s)on[a-z]+\s*=/i);
    if (tag.name === 'a' && tag.attributes) {
      const href = /^href="([^"]*)"/.exec(tag.attributes)?.[1];
      expect(href, `an <a> with ${tag.attributes}`).toBeDefined();
      expect(isSafeHref(decodeCharacterReferences(href!)), `link to ${href}`).toBe(true);
    }
  }
  for (const href of rendered.hrefs) expect(isSafeHref(href), `link to ${href}`).toBe(true);
}

/**
 * Text as a reader of rendered Markdown can tell it apart: one kind of line break, no space at the
 * ends of a line (Markdown ignores it there), no empty lines (they separate paragraphs).
 */
export function readableText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter((line) => line !== '')
    .join('\n');
}
