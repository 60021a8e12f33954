import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { documentUpdates } from '../../../drizzle/schema';
import { defaultRealtimeLimits } from '../../../server/realtime/yjs/limits';
import { encodeUpdateMessage } from '../../../server/realtime/yjs/protocol';
import { makeCouple } from '../../support/fixtures';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';
import {
  connectClient,
  connectRaw,
  documentToken,
  makeDocument,
  sleep,
  useRealtimeServer,
  waitFor,
} from './realtime-harness';

const limits = {
  ...defaultRealtimeLimits,
  maxMessageBytes: 64 * 1024,
  maxDocumentBytes: 48 * 1024,
  maxPendingBytes: 8 * 1024,
  messagesPerSecond: 20,
  messageBurst: 40,
};

describe.each(testDatabaseKinds())('bad input on %s', (kind) => {
  const t = useTestDatabase(kind);
  const realtime = useRealtimeServer(t, { limits });

  async function connect(userId: string, documentId: string) {
    const client = connectClient(realtime.wsOrigin, documentId, await documentToken(userId, documentId));
    realtime.clients.push(client);
    await client.synced;
    return client;
  }

  /** An admitted raw connection (it has been sent the server's sync step 1). */
  async function admittedRaw(userId: string, documentId: string) {
    const raw = connectRaw(realtime.wsOrigin, documentId, await documentToken(userId, documentId));
    await waitFor(() => raw.received.length > 0, 5000, 'admission');
    return raw;
  }

  function updateOfSize(bytes: number): Uint8Array {
    const doc = new Y.Doc();
    doc.getText('body').insert(0, 'x'.repeat(bytes));
    return Y.encodeStateAsUpdate(doc);
  }

  it('closes only the offending connection for each kind of bad frame; another room keeps syncing', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const target = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const bystanderDoc = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const left = await connect(alex.id, bystanderDoc);
    const right = await connect(sam.id, bystanderDoc);
    const targetPartner = await connect(sam.id, target);

    // The bystanders type the whole time.
    let typed = 0;
    const typing = setInterval(() => left.text.insert(left.text.length, `${typed++},`), 20);

    const truncatedVarint = Uint8Array.from([0x00, 0x02, 0x85]);
    const lengthPastEnd = Uint8Array.from([0x00, 0x02, 0x0a, 0x01, 0x02, 0x03]);
    const undecodableUpdate = Uint8Array.from([0x00, 0x02, 0x04, 0xff, 0xff, 0xff, 0xff]);
    const unknownType = Uint8Array.from([0x07, 0x00]);
    const tooManyBits = Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    const randomBytes = Uint8Array.from({ length: 256 }, (_, i) => (i * 7919 + 13) % 251);
    const cases: Array<{ name: string; frame: Uint8Array | string; code: number }> = [
      { name: 'truncated varint', frame: truncatedVarint, code: 1007 },
      { name: 'length past the end', frame: lengthPastEnd, code: 1007 },
      { name: 'undecodable update', frame: undecodableUpdate, code: 1007 },
      { name: 'unknown message type', frame: unknownType, code: 1007 },
      { name: 'varint with too many bits', frame: tooManyBits, code: 1007 },
      { name: 'random bytes', frame: randomBytes, code: 1007 },
      { name: 'a text frame', frame: 'hello', code: 1007 },
      { name: 'a message over the size limit', frame: encodeUpdateMessage(updateOfSize(100 * 1024)), code: 4413 },
      { name: 'an update that would grow the document past its limit', frame: encodeUpdateMessage(updateOfSize(50 * 1024)), code: 4413 },
    ];
    for (const testCase of cases) {
      const raw = await admittedRaw(alex.id, target);
      raw.socket.send(testCase.frame);
      const closed = await raw.closed;
      expect({ name: testCase.name, code: closed.code }).toEqual({ name: testCase.name, code: testCase.code });
    }

    // Flooding: over the burst allowance gets 4429.
    const flooder = await admittedRaw(alex.id, target);
    for (let i = 0; i < 200; i++) flooder.socket.send(Uint8Array.from([0x03]));
    expect((await flooder.closed).code).toBe(4429);

    // ...and go on typing after it all.
    const typedDuringAttacks = typed;
    await waitFor(() => typed >= typedDuringAttacks + 10, 5000, 'more typing');
    clearInterval(typing);
    await waitFor(() => right.text.toString() === left.text.toString(), 5000, 'bystanders to converge');
    expect(right.text.toString()).toContain(`${typed - 1},`);
    // The target room itself still works for well-behaved people, and none of the junk got in.
    const fresh = await connect(alex.id, target);
    fresh.text.insert(0, 'still fine');
    await waitFor(() => targetPartner.text.toString() === 'still fine', 5000, 'target room to work');
    expect(realtime.logs.some((line) => line.includes('1007'))).toBe(true);
  });

  it('keeps an update that depends on missing state out of the log until it applies, and bounds such state', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const documentId = await makeDocument(t.db, { spaceId: space.id, createdBy: alex.id });
    const watcher = await connect(sam.id, documentId);

    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => updates.push(update));
    source.getText('body').insert(0, 'first ');
    source.getText('body').insert(6, 'second');

    const raw = await admittedRaw(alex.id, documentId);
    raw.socket.send(encodeUpdateMessage(updates[1]!));
    await sleep(400);
    expect(watcher.text.toString()).toBe('');
    expect(await t.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId))).toHaveLength(0);

    raw.socket.send(encodeUpdateMessage(updates[0]!));
    await waitFor(() => watcher.text.toString() === 'first second', 5000, 'both updates to apply');
    await waitFor(async () => (await t.db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId))).length >= 2, 5000, 'rows');

    // Updates from a client whose earlier state never arrives: kept aside up to the limit, then refused.
    const orphanSource = new Y.Doc();
    orphanSource.getText('body').insert(0, 'never sent');
    const orphans: Uint8Array[] = [];
    orphanSource.on('update', (update: Uint8Array) => orphans.push(update));
    for (let i = 0; i < 20; i++) orphanSource.getText('body').insert(0, 'y'.repeat(1000));
    const garbage = await admittedRaw(alex.id, documentId);
    for (const orphan of orphans) garbage.socket.send(encodeUpdateMessage(orphan));
    expect((await garbage.closed).code).toBe(4413);
    expect(watcher.text.toString()).toBe('first second');
  });
});
