/**
 * The binary frames on a document's Redis channel and on an instance's reply channel:
 *
 *   [u8 kind][u8 id length][sender instance id, utf-8][u32 request id][payload…]
 *
 * kind 1 is a payload for the others (Yjs update, awareness), 2 a request (a newly loading instance
 * asks for what the others have not written yet), 3 a reply with a payload, 4 a reply with nothing
 * to add. The request id is 0 for kind 1. Yjs payloads travel as they are, never as JSON or base64.
 */
export const FrameKind = { message: 1, request: 2, reply: 3, emptyReply: 4 } as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

export interface DocumentFrame {
  kind: FrameKind;
  from: string;
  requestId: number;
  payload: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeFrame(frame: DocumentFrame): Buffer {
  const id = encoder.encode(frame.from);
  if (id.length > 255) throw new Error('instance id too long for a bus frame');
  const out = Buffer.allocUnsafe(2 + id.length + 4 + frame.payload.length);
  out[0] = frame.kind;
  out[1] = id.length;
  out.set(id, 2);
  out.writeUInt32BE(frame.requestId >>> 0, 2 + id.length);
  out.set(frame.payload, 6 + id.length);
  return out;
}

/** null for anything that is not a well-formed frame (another program on the same Redis, a bug). */
export function decodeFrame(data: Uint8Array): DocumentFrame | null {
  if (data.length < 6) return null;
  const kind = data[0]!;
  if (kind < 1 || kind > 4) return null;
  const idLength = data[1]!;
  if (data.length < 6 + idLength || idLength === 0) return null;
  let from: string;
  try {
    from = decoder.decode(data.subarray(2, 2 + idLength));
  } catch {
    return null;
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const requestId = view.getUint32(2 + idLength);
  return { kind: kind as FrameKind, from, requestId, payload: data.subarray(6 + idLength) };
}
