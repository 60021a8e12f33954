/**
 * Only paths on Mend itself are followed after signing in, so a crafted link cannot send someone to
 * another site that looks like Mend and asks for their password again.
 *
 * String checks are not enough: browsers drop tabs and newlines inside URLs, read `\` as `/`, and
 * treat `//host` as another site, so `/\t/evil.example` or `/\evil.example` leave the site although
 * they start with one slash. The value is therefore resolved the way a browser resolves it, against a
 * placeholder origin, and kept only if it stays on that origin. What is returned is the parser's own
 * serialisation (path, query and fragment), never the raw input. Percent-encoded forms are decoded and
 * checked the same way, so nothing that some later step might decode can lead elsewhere either.
 */
const PLACEHOLDER_ORIGIN = 'http://mend.invalid';
/** Decoding more often than this is not something a real link needs; deeper nesting is refused. */
const MAX_DECODING_ROUNDS = 3;

function resolvesOnSite(candidate: string): URL | null {
  // Control characters and backslashes have no business in a path Mend links to itself.
  if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return null;
  if (!candidate.startsWith('/') || candidate.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(candidate, PLACEHOLDER_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return null;
  // Dot segments can collapse into a leading `//` ("/.//evil" becomes "//evil"): that path, put in a
  // Location header, would name another host.
  if (url.pathname.startsWith('//')) return null;
  return url;
}

export function safeReturnPath(value: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  const url = resolvesOnSite(value);
  if (!url) return fallback;
  let current = value;
  for (let round = 0; ; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return fallback;
    }
    if (decoded === current) break;
    if (round === MAX_DECODING_ROUNDS || !resolvesOnSite(decoded)) return fallback;
    current = decoded;
  }
  return `${url.pathname}${url.search}${url.hash}`;
}
