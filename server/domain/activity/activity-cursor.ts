/**
 * Where the next page of the activity list starts: just after one item, named by its exact creation
 * time and its id. Several items can share a creation time (everything one transaction records gets
 * the transaction's time), so the id breaks ties and every item is listed exactly once across pages.
 *
 * The time is kept as PostgreSQL wrote it, to the microsecond: a JavaScript Date holds milliseconds
 * only, and a cursor rounded to the millisecond would skip items created within the same millisecond.
 * The cursor is opaque to clients (base64url); a malformed one is refused with a clear message.
 */
import { isUuid } from '../../access/authorization';

export interface ActivityCursor {
  /** ISO 8601 in UTC with microseconds, e.g. 2031-06-04T09:00:00.123456Z */
  createdAt: string;
  id: string;
}

const EXACT_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeActivityCursor(cursor: ActivityCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor, or null when the text is not one this server made. */
export function decodeActivityCursor(text: string): ActivityCursor | null {
  if (text.length > 200 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const [createdAt, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !createdAt || !id || !EXACT_UTC.test(createdAt) || !isUuid(id)) return null;
  // A real calendar time (not 31 February), or PostgreSQL would refuse it with an error instead.
  const parsed = Date.parse(createdAt);
  if (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 19) !== createdAt.slice(0, 19)) return null;
  return { createdAt, id: id.toLowerCase() };
}
