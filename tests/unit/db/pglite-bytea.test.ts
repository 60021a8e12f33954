import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBytea, serializeBytea } from '../../../server/db/open-database';

describe("PGlite's bytea conversion", () => {
  it('writes the hex form PostgreSQL reads', () => {
    expect(serializeBytea(new Uint8Array([0, 15, 16, 255]))).toBe('\\x000f10ff');
    expect(serializeBytea(new Uint8Array([]))).toBe('\\x');
    // A view into a larger buffer writes only its own bytes.
    const whole = new Uint8Array([1, 2, 3, 4, 5]);
    expect(serializeBytea(whole.subarray(1, 3))).toBe('\\x0203');
  });

  it('reads back every byte string it wrote, as a plain Uint8Array of its own', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => {
        const read = parseBytea(serializeBytea(bytes));
        expect(Buffer.isBuffer(read)).toBe(false);
        expect(read.byteOffset).toBe(0);
        expect(read.buffer.byteLength).toBe(bytes.length);
        expect(Array.from(read)).toEqual(Array.from(bytes));
      }),
    );
  });

  it('refuses what is not bytes', () => {
    expect(() => serializeBytea('abc' as unknown as Uint8Array)).toThrow('Invalid input for bytea type');
  });
});
