/** The activity list's page cursor: exact to the microsecond, opaque, and refused when it is not one of ours. */
import { describe, expect, it } from 'vitest';
import { decodeActivityCursor, encodeActivityCursor } from '../../../server/domain/activity/activity-cursor';

const id = '2d2783be-f2f4-446d-be18-77022829c087';

describe('activity cursor', () => {
  it('round-trips the exact time and the id', () => {
    const cursor = { createdAt: '2031-06-04T09:00:00.123456Z', id };
    const text = encodeActivityCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeActivityCursor(text)).toEqual(cursor);
  });

  it('refuses anything it did not make: wrong shapes, impossible dates, other ids, oversized text', () => {
    const encode = (raw: string) => Buffer.from(raw, 'utf8').toString('base64url');
    for (const raw of [
      `2031-06-04T09:00:00.123Z|${id}`, // milliseconds only: would skip items
      `2031-02-31T09:00:00.123456Z|${id}`, // no such day
      `2031-06-04T09:00:00.123456Z|not-an-id`,
      `2031-06-04T09:00:00.123456Z|${id}|extra`,
      `2031-06-04T09:00:00.123456Z`,
      `'; drop table activity; --|${id}`,
    ]) {
      expect(decodeActivityCursor(encode(raw)), raw).toBeNull();
    }
    expect(decodeActivityCursor('not base64!')).toBeNull();
    expect(decodeActivityCursor('A'.repeat(201))).toBeNull();
    expect(decodeActivityCursor('')).toBeNull();
  });
});
