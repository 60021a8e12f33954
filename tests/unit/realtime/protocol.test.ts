import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import {
  decodeClientMessage,
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdateMessage,
  MalformedMessageError,
} from '../../../server/realtime/yjs/protocol';

describe('decodeClientMessage', () => {
  it('reads every message the stock client sends', () => {
    const doc = new Y.Doc();
    doc.getText('body').insert(0, 'hello');
    const update = Y.encodeStateAsUpdate(doc);
    expect(decodeClientMessage(encodeSyncStep1(doc))).toEqual({ kind: 'sync-step-1', stateVector: Y.encodeStateVector(doc) });
    expect(decodeClientMessage(encodeSyncStep2(doc, new Uint8Array([0])))).toMatchObject({ kind: 'sync-step-2' });
    expect(decodeClientMessage(encodeUpdateMessage(update))).toEqual({ kind: 'update', update });
    const awareness = new awarenessProtocol.Awareness(doc);
    const awarenessUpdate = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    expect(decodeClientMessage(encodeAwarenessMessage(awarenessUpdate))).toEqual({ kind: 'awareness', update: awarenessUpdate });
    expect(decodeClientMessage(Uint8Array.from([3]))).toEqual({ kind: 'query-awareness' });
    awareness.destroy();
  });

  it.each([
    ['empty', []],
    ['unknown type', [9]],
    ['unknown sync sub-type', [0, 7, 0]],
    ['truncated varint', [0, 2, 0x85]],
    ['length past the end', [0, 2, 10, 1, 2]],
    ['trailing bytes', [3, 0]],
    ['varint too big', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]],
  ])('refuses %s', (_, bytes) => {
    expect(() => decodeClientMessage(Uint8Array.from(bytes))).toThrow(MalformedMessageError);
  });

  it('never throws anything but MalformedMessageError, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeClientMessage(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedMessageError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
