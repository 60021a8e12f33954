import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, FrameKind } from '../../../server/bus/document-frames';

describe('bus document frames', () => {
  it('carry kind, sender, request id and the payload bytes unchanged', () => {
    const payload = new Uint8Array([0, 1, 2, 255, 128, 7]);
    const frame = { kind: FrameKind.request, from: 'instance-ü-1', requestId: 4_000_000_000, payload };
    const decoded = decodeFrame(encodeFrame(frame));
    expect(decoded).toMatchObject({ kind: FrameKind.request, from: 'instance-ü-1', requestId: 4_000_000_000 });
    expect([...decoded!.payload]).toEqual([...payload]);
  });

  it('carry an empty payload', () => {
    const decoded = decodeFrame(encodeFrame({ kind: FrameKind.emptyReply, from: 'a', requestId: 1, payload: new Uint8Array(0) }));
    expect(decoded?.payload.length).toBe(0);
  });

  it('refuse what is not a frame', () => {
    expect(decodeFrame(new Uint8Array([]))).toBeNull();
    expect(decodeFrame(new Uint8Array([9, 1, 97, 0, 0, 0, 0]))).toBeNull();
    expect(decodeFrame(new Uint8Array([1, 50, 97, 0, 0, 0, 0]))).toBeNull();
    expect(decodeFrame(new Uint8Array([1, 0, 0, 0, 0, 0]))).toBeNull();
    expect(decodeFrame(new Uint8Array([1, 2, 0xff, 0xfe, 0, 0, 0, 0]))).toBeNull();
  });
});
