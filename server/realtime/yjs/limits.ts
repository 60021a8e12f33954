/**
 * Limits against bad or runaway input, and the pure rate-limit arithmetic. Every value can be set
 * from the environment (documented in docs/realtime.md); the defaults suit agreements and notes,
 * which are a few pages of text.
 */
import { z } from 'zod';

export interface RealtimeLimits {
  /** Largest WebSocket message accepted (4413 above it). A paste of a whole book is about 1 MB. */
  maxMessageBytes: number;
  /** Largest a document may grow (approximate encoded size; 4413 for the update that would pass it). */
  maxDocumentBytes: number;
  /**
   * Bytes of updates kept aside because they depend on state the server does not have yet. Real
   * clients need this only for a moment; garbage would otherwise sit in memory forever.
   */
  maxPendingBytes: number;
  /** Sustained messages per second per connection (a fast typist with caret updates sends about 20). */
  messagesPerSecond: number;
  /** Burst allowance on top of the sustained rate (reconnect after offline editing sends a few at once). */
  messageBurst: number;
  /** Messages kept while the door is still checking the token; the stock client sends two. */
  maxQueuedBeforeAdmission: number;
  /** A connection whose unsent output passes this is too slow to keep up and is closed (1013). */
  maxBufferedBytes: number;
  /** Every open socket is pinged this often; one that has not answered the previous ping is dropped (as y-websocket's server does, every 30 s). */
  keepaliveMs: number;
}

const MB = 1024 * 1024;

export const defaultRealtimeLimits: RealtimeLimits = {
  maxMessageBytes: 2 * MB,
  maxDocumentBytes: 8 * MB,
  maxPendingBytes: 1 * MB,
  messagesPerSecond: 60,
  messageBurst: 240,
  maxQueuedBeforeAdmission: 32,
  maxBufferedBytes: 16 * MB,
  keepaliveMs: 30_000,
};

const positive = z.coerce.number().int().positive();
const envSchema = z.object({
  MEND_YJS_MAX_MESSAGE_BYTES: positive.optional(),
  MEND_YJS_MAX_DOCUMENT_BYTES: positive.optional(),
  MEND_YJS_MAX_PENDING_BYTES: positive.optional(),
  MEND_YJS_MESSAGES_PER_SECOND: positive.optional(),
  MEND_YJS_MESSAGE_BURST: positive.optional(),
  MEND_YJS_KEEPALIVE_MS: positive.optional(),
});

/** Limits from the environment, falling back to the defaults; a bad value stops start-up with a clear message. */
export function readRealtimeLimits(env: Record<string, string | undefined> = process.env): RealtimeLimits {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: must be a positive whole number`);
    throw new Error(`The realtime limits are not valid:\n${lines.join('\n')}`);
  }
  const v = parsed.data;
  return {
    ...defaultRealtimeLimits,
    maxMessageBytes: v.MEND_YJS_MAX_MESSAGE_BYTES ?? defaultRealtimeLimits.maxMessageBytes,
    maxDocumentBytes: v.MEND_YJS_MAX_DOCUMENT_BYTES ?? defaultRealtimeLimits.maxDocumentBytes,
    maxPendingBytes: v.MEND_YJS_MAX_PENDING_BYTES ?? defaultRealtimeLimits.maxPendingBytes,
    messagesPerSecond: v.MEND_YJS_MESSAGES_PER_SECOND ?? defaultRealtimeLimits.messagesPerSecond,
    messageBurst: v.MEND_YJS_MESSAGE_BURST ?? defaultRealtimeLimits.messageBurst,
    keepaliveMs: v.MEND_YJS_KEEPALIVE_MS ?? defaultRealtimeLimits.keepaliveMs,
  };
}

/** A token bucket: `tokens` refills at `messagesPerSecond` up to `messageBurst`; each message takes one. */
export interface RateBucket {
  tokens: number;
  updatedAt: number;
}

export function fullBucket(limits: Pick<RealtimeLimits, 'messageBurst'>, now: number): RateBucket {
  return { tokens: limits.messageBurst, updatedAt: now };
}

/** Takes one token if there is one. Mutates the bucket in place: it is on every message's path. */
export function takeMessageToken(bucket: RateBucket, limits: Pick<RealtimeLimits, 'messagesPerSecond' | 'messageBurst'>, now: number): boolean {
  const elapsed = Math.max(0, now - bucket.updatedAt);
  bucket.tokens = Math.min(limits.messageBurst, bucket.tokens + (elapsed * limits.messagesPerSecond) / 1000);
  bucket.updatedAt = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}
