/**
 * The y-websocket wire format, both directions. A message is a varUint type followed by its body:
 *   0 sync      → varUint sub-type (0 step 1: state vector, 1 step 2: update, 2 update) + varUint8Array
 *   1 awareness → varUint8Array awareness update
 *   2 auth      → (server-to-client only in the stock client; ignored when received)
 *   3 query-awareness → no body
 * Decoding is strict (no trailing bytes, known types only) because a frame is untrusted input: a
 * frame that fails here closes its connection with 1007 and touches no document.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

export type ClientMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  | { kind: 'sync-step-2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'auth' };

export class MalformedMessageError extends Error {}

export function decodeClientMessage(bytes: Uint8Array): ClientMessage {
  if (bytes.length === 0) throw new MalformedMessageError('empty message');
  const decoder = decoding.createDecoder(bytes);
  let message: ClientMessage;
  try {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync: {
        const subType = decoding.readVarUint(decoder);
        const body = decoding.readVarUint8Array(decoder);
        if (subType === syncProtocol.messageYjsSyncStep1) message = { kind: 'sync-step-1', stateVector: body };
        else if (subType === syncProtocol.messageYjsSyncStep2) message = { kind: 'sync-step-2', update: body };
        else if (subType === syncProtocol.messageYjsUpdate) message = { kind: 'update', update: body };
        else throw new MalformedMessageError(`unknown sync message type ${subType}`);
        break;
      }
      case MessageType.awareness:
        message = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
        break;
      case MessageType.queryAwareness:
        message = { kind: 'query-awareness' };
        break;
      case MessageType.auth:
        // The body is not ours to interpret; skip it whole.
        decoder.pos = bytes.length;
        message = { kind: 'auth' };
        break;
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    throw new MalformedMessageError(`undecodable message: ${(error as Error).message}`);
  }
  if (decoder.pos !== bytes.length) throw new MalformedMessageError('trailing bytes after the message');
  return message;
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Throws when `stateVector` cannot be decoded (the caller closes the connection as malformed). */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}
