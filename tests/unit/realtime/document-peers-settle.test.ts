/**
 * Redis pub/sub delivers at most once. Two instances' DocumentPeers on a bus that drops one update:
 * once the edits pause, the instances compare state vectors and the dropped update reaches the
 * other room anyway.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentChannelHandlers, RealtimeBus } from '../../../server/bus/realtime-bus';
import { DocumentPeers, type PeerRoom } from '../../../server/realtime/yjs/document-peers';
import type { PeerRecord } from '../../../server/realtime/yjs/peer-messages';

/** Two instances' buses joined in memory; `drop` decides which document payloads never arrive. */
function pairedBuses(drop: (payload: Uint8Array, from: string) => boolean): [RealtimeBus, RealtimeBus] {
  const handlers = new Map<string, DocumentChannelHandlers>();
  const make = (instanceId: string): RealtimeBus => ({
    instanceId,
    kind: 'redis',
    publish: async () => undefined,
    subscribe: () => () => undefined,
    async joinDocument(_documentId, channel) {
      handlers.set(instanceId, channel);
      return async () => void handlers.delete(instanceId);
    },
    publishDocument(_documentId, payload) {
      if (drop(payload, instanceId)) return;
      for (const [id, channel] of handlers) if (id !== instanceId) channel.onMessage(payload, instanceId);
    },
    async requestDocument(_documentId, payload) {
      const replies: Uint8Array[] = [];
      for (const [id, channel] of handlers) {
        if (id === instanceId) continue;
        const reply = await channel.onRequest?.(payload, instanceId);
        if (reply) replies.push(reply);
      }
      return replies;
    },
    onResync: () => () => undefined,
    health: () => ({ ok: true, detail: 'paired in memory' }),
    close: async () => undefined,
  });
  return [make('instance-a'), make('instance-b')];
}

function roomOf(doc: Y.Doc): PeerRoom {
  return {
    documentId: 'doc',
    applyFromPeer: (update) => Y.applyUpdate(doc, update, 'peer'),
    applyPeerAwareness: () => undefined,
    stateVector: () => Y.encodeStateVector(doc),
    missingFor: (vector) => Y.encodeStateAsUpdate(doc, vector),
    lacksFrom: (vector) => [...Y.decodeStateVector(vector)].some(([client, clock]) => clock > Y.getState(doc.store, client)),
    adopt: async (records: PeerRecord[]) => records.length,
    unstored: () => [],
    storedThrough: () => 0,
  };
}

const joined: DocumentPeers[] = [];
afterEach(async () => {
  for (const peers of joined.splice(0)) await peers.leave();
});

describe('document peers after a dropped bus message', () => {
  it('the other instance gets the dropped update once the edits settle', async () => {
    let dropped = 0;
    const [busA, busB] = pairedBuses(() => dropped++ === 0);
    const timing = { requestTimeoutMs: 200, orphanAfterMs: 60_000, settleAfterMs: 50 };
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const peersA = await DocumentPeers.join(busA, 'doc', timing, () => undefined);
    const peersB = await DocumentPeers.join(busB, 'doc', timing, () => undefined);
    joined.push(peersA, peersB);
    await peersA.attach(roomOf(docA));
    await peersB.attach(roomOf(docB));

    let record = 0;
    docA.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'peer') peersA.publishUpdate(++record, 'alex', update);
    });
    docA.getText('body').insert(0, 'We talk ');
    docA.getText('body').insert(8, 'every evening.');
    // The first update was dropped, so B holds the second one pending: nothing shows yet.
    expect(docB.getText('body').toString()).toBe('');

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(docB.getText('body').toString()).toBe('We talk every evening.');
  });
});
