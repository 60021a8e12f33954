/**
 * What the instances that have one document loaded say to each other on its bus channel
 * (server/bus: publishDocument, requestDocument). Binary, with lib0's encoding, since the Yjs
 * payloads are binary anyway; strict decoding, because a channel is shared with every instance.
 *
 *   update          an update one of the sender's own clients sent; the sender stores it (numbered
 *                   `record` in the sender's log, so "stored through" can confirm it)
 *   stored-update   an update already in the database (a server edit, an update adopted from an
 *                   instance that died): apply, nothing to store or confirm
 *   awareness       an awareness update (presence, caret), already filtered and stamped by the sender
 *   stored-through  the sender has stored its records up to `record`
 *   adopted         the sender stored `origin`'s records up to `record` (that instance is gone)
 *
 * Requests (the reply goes to the asker alone):
 *
 *   state           "here is my state vector": the reply is what the asker lacks, plus the replier's
 *                   not-yet-stored records, so the asker can take over if the replier dies
 *   alive           "who is still here?": every live instance with the document loaded replies with
 *                   how far it has stored
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface PeerRecord {
  record: number;
  authorId: string | null;
  update: Uint8Array;
}

export type PeerMessage =
  | ({ kind: 'update' } & PeerRecord)
  | { kind: 'stored-update'; authorId: string | null; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'stored-through'; record: number }
  | { kind: 'adopted'; origin: string; record: number };

export type PeerRequest = { kind: 'state'; stateVector: Uint8Array } | { kind: 'alive' };

export type PeerReply =
  | { kind: 'state'; instanceId: string; missing: Uint8Array; unstored: PeerRecord[] }
  | { kind: 'alive'; instanceId: string; storedThrough: number };

const MESSAGE = { update: 1, storedUpdate: 2, awareness: 3, storedThrough: 4, adopted: 5 } as const;
const REQUEST = { state: 20, alive: 21 } as const;
const REPLY = { state: 40, alive: 41 } as const;

function writeRecord(encoder: encoding.Encoder, record: PeerRecord): void {
  encoding.writeVarUint(encoder, record.record);
  encoding.writeVarString(encoder, record.authorId ?? '');
  encoding.writeVarUint8Array(encoder, record.update);
}

function readRecord(decoder: decoding.Decoder): PeerRecord {
  const record = decoding.readVarUint(decoder);
  const author = decoding.readVarString(decoder);
  const update = decoding.readVarUint8Array(decoder);
  return { record, authorId: author === '' ? null : author, update };
}

export function encodePeerMessage(message: PeerMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, MESSAGE.update);
      writeRecord(encoder, message);
      break;
    case 'stored-update':
      encoding.writeVarUint(encoder, MESSAGE.storedUpdate);
      writeRecord(encoder, { record: 0, authorId: message.authorId, update: message.update });
      break;
    case 'awareness':
      encoding.writeVarUint(encoder, MESSAGE.awareness);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'stored-through':
      encoding.writeVarUint(encoder, MESSAGE.storedThrough);
      encoding.writeVarUint(encoder, message.record);
      break;
    case 'adopted':
      encoding.writeVarUint(encoder, MESSAGE.adopted);
      encoding.writeVarString(encoder, message.origin);
      encoding.writeVarUint(encoder, message.record);
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** Null for anything malformed (logged by the caller, never applied). */
export function decodePeerMessage(bytes: Uint8Array): PeerMessage | null {
  return strictly(bytes, (decoder) => {
    switch (decoding.readVarUint(decoder)) {
      case MESSAGE.update:
        return { kind: 'update', ...readRecord(decoder) };
      case MESSAGE.storedUpdate: {
        const { authorId, update } = readRecord(decoder);
        return { kind: 'stored-update', authorId, update };
      }
      case MESSAGE.awareness:
        return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MESSAGE.storedThrough:
        return { kind: 'stored-through', record: decoding.readVarUint(decoder) };
      case MESSAGE.adopted:
        return { kind: 'adopted', origin: decoding.readVarString(decoder), record: decoding.readVarUint(decoder) };
      default:
        return null;
    }
  });
}

export function encodePeerRequest(request: PeerRequest): Uint8Array {
  const encoder = encoding.createEncoder();
  if (request.kind === 'state') {
    encoding.writeVarUint(encoder, REQUEST.state);
    encoding.writeVarUint8Array(encoder, request.stateVector);
  } else {
    encoding.writeVarUint(encoder, REQUEST.alive);
  }
  return encoding.toUint8Array(encoder);
}

export function decodePeerRequest(bytes: Uint8Array): PeerRequest | null {
  return strictly(bytes, (decoder) => {
    switch (decoding.readVarUint(decoder)) {
      case REQUEST.state:
        return { kind: 'state', stateVector: decoding.readVarUint8Array(decoder) };
      case REQUEST.alive:
        return { kind: 'alive' };
      default:
        return null;
    }
  });
}

export function encodePeerReply(reply: PeerReply): Uint8Array {
  const encoder = encoding.createEncoder();
  if (reply.kind === 'state') {
    encoding.writeVarUint(encoder, REPLY.state);
    encoding.writeVarString(encoder, reply.instanceId);
    encoding.writeVarUint8Array(encoder, reply.missing);
    encoding.writeVarUint(encoder, reply.unstored.length);
    for (const record of reply.unstored) writeRecord(encoder, record);
  } else {
    encoding.writeVarUint(encoder, REPLY.alive);
    encoding.writeVarString(encoder, reply.instanceId);
    encoding.writeVarUint(encoder, reply.storedThrough);
  }
  return encoding.toUint8Array(encoder);
}

export function decodePeerReply(bytes: Uint8Array): PeerReply | null {
  return strictly(bytes, (decoder) => {
    switch (decoding.readVarUint(decoder)) {
      case REPLY.state: {
        const instanceId = decoding.readVarString(decoder);
        const missing = decoding.readVarUint8Array(decoder);
        const count = decoding.readVarUint(decoder);
        const unstored: PeerRecord[] = [];
        for (let i = 0; i < count; i++) unstored.push(readRecord(decoder));
        return { kind: 'state', instanceId, missing, unstored };
      }
      case REPLY.alive:
        return { kind: 'alive', instanceId: decoding.readVarString(decoder), storedThrough: decoding.readVarUint(decoder) };
      default:
        return null;
    }
  });
}

function strictly<T>(bytes: Uint8Array, read: (decoder: decoding.Decoder) => T | null): T | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    const value = read(decoder);
    return value && !decoding.hasContent(decoder) ? value : null;
  } catch {
    return null;
  }
}
