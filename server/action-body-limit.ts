/**
 * The largest form a server action accepts, and what a person sees when they send more.
 *
 * Next refuses a larger body itself, but as an unexplained failure that lands on the error page
 * ("Something went wrong"), which tells nobody that their text was simply too long. Mend's server
 * answers such a request first, before Next reads it, with a plain-text 413: Next's client turns a
 * plain-text error response into an Error carrying exactly this text, so forms (and the error page)
 * can recognise it and say what was too long.
 *
 * Pure constants and one request check, so client components can import the message too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Must equal `experimental.serverActions.bodySizeLimit` in next.config.js (a unit test checks). */
export const SERVER_ACTION_BODY_LIMIT = '1mb';
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/** Over the limit but below this, the rest of the body is read and dropped so the browser gets the answer. */
const DISCARD_AT_MOST_BYTES = 16 * 1024 * 1024;

export const TOO_LONG_TO_SAVE_MESSAGE = 'That was too long to save. Nothing was changed: please shorten what you wrote and try again.';

export function isTooLongToSaveError(error: unknown): boolean {
  return error instanceof Error && error.message === TOO_LONG_TO_SAVE_MESSAGE;
}

/** The field-level wording forms show, e.g. "an agreement title can be at most 120 characters". */
export function tooLongToSave(what: string, maxCharacters: number): string {
  return `That was too long to save: ${what} can be at most ${maxCharacters} characters.`;
}

/**
 * Answers a server-action POST whose declared length is over the limit, and returns true; leaves
 * every other request alone. Browsers always declare the length of a form they send; a body sent
 * without one is still cut off by Next's own limit.
 */
export function refuseOversizedServerAction(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'POST' || !req.headers['next-action']) return false;
  const declared = Number(req.headers['content-length']);
  if (!Number.isFinite(declared) || declared <= SERVER_ACTION_BODY_LIMIT_BYTES) return false;
  res.statusCode = 413;
  // Exactly `text/plain`, no charset: Next's client only reads the text of that content type.
  res.setHeader('content-type', 'text/plain');
  res.setHeader('cache-control', 'no-store');
  // The browser is still uploading: read and discard the rest, or it may see a reset connection
  // instead of this answer. Far beyond any real form, the connection is closed instead.
  if (declared > DISCARD_AT_MOST_BYTES) res.setHeader('connection', 'close');
  else req.resume();
  res.end(TOO_LONG_TO_SAVE_MESSAGE);
  return true;
}
