/**
 * Turning a person's words into Markdown that reads back as exactly those words, and nothing more:
 * no heading, list, emphasis, HTML or link that they did not make with the editor's own buttons.
 * Every Markdown writer in Mend (the agreements' canonical text, the agreement and journal exports)
 * goes through here, because an export is opened in whatever Markdown viewer the person has, and a
 * partner's text must never run there as HTML or hand the reader a `javascript:` link.
 *
 * The rules follow the CommonMark spec (with GitHub's extensions): any ASCII punctuation may be
 * backslash-escaped and then stands for itself. We escape only what can start markup, so the file
 * still reads well as plain text:
 * - anywhere: `\` `` ` `` `*` `_` `~` `[` `]` `>` `#` `|`, `&` when it would begin a character
 *   reference such as `&lt;` (which a viewer would otherwise show as `<`), `(` right after `]`, and
 *   `!` at the end of a run that something else follows (it could meet a link's `[`: an image);
 * - `<` is always written `&lt;`, never `\<`: a web address written out in the text becomes a link
 *   by itself in GitHub-style viewers, and that link swallows the backslash, leaving a bare `<` to
 *   open raw HTML ("https://example.com<details open ontoggle=…>"). Without a `<` there is no tag;
 * - the ":" of "https://" and the "." of "www.", so that a web address in the text stays text (a
 *   live link comes only from the editor's link button, with its address checked);
 * - at the start of a line, where block structure is decided: `-` or `+` that would make a list item,
 *   a rule or a heading underline, `=` underlines, `1.` / `1)` list numbers, and an indentation of
 *   four columns (a code block), whose first space is written as a character reference.
 *
 * Whatever is not markup stays exactly as it was, so the text of an agreement written before these
 * rules reads the same now unless it held one of those constructs.
 */

/** Characters that can open or close inline markup wherever they stand. */
const INLINE_SPECIAL = /[\\`*_~[\]>#|]/;

/** `&` followed by this would be read as a character reference (`&amp;`, `&#60;`, `&#x3c;`). */
const CHARACTER_REFERENCE = /^&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/;

const LINE_BREAK = /\r\n|\r|\n/;

function isLineBreak(character: string | undefined): boolean {
  return character === '\n' || character === '\r';
}

/**
 * Escapes the pieces of one block's text that will be written next to each other (runs of text with
 * different formatting), deciding as if they were one string: whether a `1` starts a numbered list
 * depends on the `.` after it, which may sit in the next run. Returns the escaped pieces, in order.
 */
export function escapeMarkdownRuns(runs: readonly string[]): string[] {
  const joined = runs.join('');
  // What to write instead of the character at each position that needs it.
  const replacements = new Map<number, string>();
  for (let i = 0; i < joined.length; i++) {
    const character = joined[i]!;
    if (character === '<') replacements.set(i, '&lt;');
    else if (INLINE_SPECIAL.test(character)) replacements.set(i, `\\${character}`);
    // "](" reads as the end of a link's text to some parsers (marked) even when the "]" is escaped.
    else if (character === '(' && joined[i - 1] === ']') replacements.set(i, '\\(');
    else if (character === '&' && CHARACTER_REFERENCE.test(joined.slice(i, i + 40))) replacements.set(i, '\\&');
  }
  // A web address written out in the text is linked by GitHub-style viewers on their own, and that
  // link runs on to the next space or "<", swallowing whatever Markdown follows it: the backtick
  // that opens a code span, leaving the code's "<img …>" as raw HTML. An escaped ":" or "." keeps
  // the words the same and the address plain text.
  for (const match of joined.matchAll(/(?:https?|ftp)(:)\/\/|www(\.)/gi)) {
    const at = match.index + (match[1] ? match[0].indexOf(':') : 3);
    replacements.set(at, `\\${joined[at]}`);
  }
  for (const start of lineStarts(joined)) escapeLineStart(joined, start, replacements);
  // A "!" that ends a run may meet the "[" of a link written after it, and "![" is an image.
  let end = 0;
  for (const run of runs.slice(0, -1)) {
    end += run.length;
    if (joined[end - 1] === '!') replacements.set(end - 1, '\\!');
  }

  const out: string[] = [];
  let offset = 0;
  for (const run of runs) {
    let escaped = '';
    for (let i = 0; i < run.length; i++) escaped += replacements.get(offset + i) ?? run[i];
    out.push(escaped);
    offset += run.length;
  }
  return out;
}

/** One piece of plain text (a title, a name, a note) as Markdown that reads literally. */
export function escapeMarkdownText(text: string): string {
  return escapeMarkdownRuns([text])[0]!;
}

/** Text for a one-line context (a heading, a list item): line breaks become spaces first. */
export function escapeMarkdownLine(text: string): string {
  return escapeMarkdownText(text.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' '));
}

function* lineStarts(text: string): Generator<number> {
  yield 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') continue;
    if (isLineBreak(text[i])) yield i + 1;
  }
}

function escapeLineStart(text: string, start: number, replacements: Map<number, string>): void {
  let end = start;
  while (end < text.length && !isLineBreak(text[end])) end++;
  const line = text.slice(start, end);
  if (line === '') return;
  const first = line[0]!;
  if (/^(?: {0,3}\t| {4})/.test(line) && /[^ \t]/.test(line)) {
    // Indentation of four columns would turn the line into a code block. A character reference is
    // not a space to the parser, so writing the first one as `&#32;` keeps the words as words, and
    // as indented as the person typed them. (Up to three spaces are simply ignored by Markdown.)
    replacements.set(start, first === ' ' ? '&#32;' : '&#9;');
    return;
  }
  // Up to three spaces before a marker still leave it a marker.
  const lead = /^ {0,3}/.exec(line)![0].length;
  const rest = line.slice(lead);
  const marker = rest[0];
  const afterMarker = rest[1];
  const followedBySpaceOrEnd = afterMarker === undefined || afterMarker === ' ' || afterMarker === '\t';
  // "- " and "+ " start list items; "--" and "---" underline a heading or draw a rule.
  if ((marker === '-' && (followedBySpaceOrEnd || afterMarker === '-')) || (marker === '+' && followedBySpaceOrEnd)) {
    replacements.set(start + lead, `\\${marker}`);
    return;
  }
  // A line of "=" underlines the line before as a heading.
  if (marker === '=' && /^=+[ \t]*$/.test(rest)) {
    replacements.set(start + lead, '\\=');
    return;
  }
  // "1. " or "1) " starts a numbered list: escaping the punctuation keeps the number as written.
  const number = /^[0-9]+([.)])(?:[ \t]|$)/.exec(rest);
  if (number) replacements.set(start + lead + number[0].indexOf(number[1]!), `\\${number[1]}`);
}

/**
 * Inline code: a backtick fence longer than any run of backticks inside, so the code cannot close it
 * early; one line per span, since a line break inside a span would let the next line start a block.
 */
export function markdownCodeSpan(code: string): string {
  return code
    .split(LINE_BREAK)
    .map((line) => {
      if (line === '') return '';
      const fence = '`'.repeat(longestRun(line, '`') + 1);
      // A space on each side keeps a leading or trailing backtick apart from the fence; CommonMark
      // strips exactly one space from each side again.
      const padded = line.startsWith('`') || line.endsWith('`') || (line.startsWith(' ') && line.endsWith(' ') && line.trim() !== '') ? ` ${line} ` : line;
      return fence + padded + fence;
    })
    .join('\n');
}

/** The opening and closing line of a fenced code block holding `code`: longer than any backtick run in it. */
export function markdownCodeFence(code: string): string {
  return '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
}

/** The lines of a code block, whatever line endings the stored text used. */
export function codeLines(code: string): string[] {
  return code.split(LINE_BREAK);
}

/** A code block's language tag: only the characters a language name uses, so it cannot add to the fence line. */
export function markdownCodeLanguage(language: unknown): string {
  return typeof language === 'string' ? language.replace(/[^A-Za-z0-9_+#.-]/g, '').slice(0, 40) : '';
}

function longestRun(text: string, character: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === character ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

/** The only kinds of link an export keeps live: web pages and e-mail addresses. */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Characters a link destination may hold as they are; anything else is written in angle brackets. */
const PLAIN_DESTINATION = /^[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+$/;

/**
 * A link's target as a Markdown link destination, or null when it must not be a link. The URL is
 * read with the WHATWG URL parser, the one browsers use, so "java\tscript:" or " JAVASCRIPT:" are
 * recognised for what they are. A plain web address is written as the person gave it; anything
 * else is normalised by the parser and put in angle brackets with `<`, `>`, `\` and spaces
 * percent-encoded, so nothing in it can end the link and start raw Markdown or HTML.
 */
export function markdownLinkDestination(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  const trimmed = href.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    // Relative and malformed addresses have no place in a file read outside Mend.
    return null;
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return null;
  if (PLAIN_DESTINATION.test(trimmed) && !hasCharacterReference(trimmed)) return trimmed;
  const encoded = [...url.href]
    .map((c) => {
      if (c === '<' || c === '>' || c === '\\' || c === '`' || /[\s\p{Cc}]/u.test(c)) return encodeURIComponent(c);
      if (c === '&') return '\\&';
      return c;
    })
    .join('');
  return `<${encoded}>`;
}

function hasCharacterReference(text: string): boolean {
  for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1)) {
    if (CHARACTER_REFERENCE.test(text.slice(i, i + 40))) return true;
  }
  return false;
}

/**
 * `markdown` (already escaped link text) as a link to `href`, or left as plain text when the target
 * is not a web or e-mail address: the words stay, the link does not.
 */
export function markdownLink(markdown: string, href: unknown): string {
  const destination = markdownLinkDestination(href);
  return destination === null ? markdown : `[${markdown}](${destination})`;
}
