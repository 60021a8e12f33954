import { describe, expect, it } from 'vitest';
import { defaultRealtimeLimits, fullBucket, readRealtimeLimits, takeMessageToken } from '../../../server/realtime/yjs/limits';

describe('message rate limit', () => {
  const limits = { messagesPerSecond: 10, messageBurst: 20 };

  it('allows a burst, then the sustained rate', () => {
    const bucket = fullBucket(limits, 0);
    let allowed = 0;
    for (let i = 0; i < 50; i++) if (takeMessageToken(bucket, limits, 0)) allowed++;
    expect(allowed).toBe(20);
    expect(takeMessageToken(bucket, limits, 50)).toBe(false);
    expect(takeMessageToken(bucket, limits, 100)).toBe(true);
    // A steady 10 per second goes on for ever.
    let refused = 0;
    for (let ms = 200; ms < 60_000; ms += 100) if (!takeMessageToken(bucket, limits, ms)) refused++;
    expect(refused).toBe(0);
  });

  it('never holds more than the burst, however long the pause', () => {
    const bucket = fullBucket(limits, 0);
    takeMessageToken(bucket, limits, 1_000_000);
    expect(bucket.tokens).toBe(19);
  });
});

describe('readRealtimeLimits', () => {
  it('uses the defaults, takes overrides, and refuses nonsense with a clear message', () => {
    expect(readRealtimeLimits({})).toEqual(defaultRealtimeLimits);
    expect(readRealtimeLimits({ MEND_YJS_MAX_MESSAGE_BYTES: '1024' }).maxMessageBytes).toBe(1024);
    expect(readRealtimeLimits({ MEND_YJS_KEEPALIVE_MS: '500' }).keepaliveMs).toBe(500);
    expect(() => readRealtimeLimits({ MEND_YJS_MESSAGES_PER_SECOND: '-3' })).toThrow(/MEND_YJS_MESSAGES_PER_SECOND: must be a positive whole number/);
  });
});
