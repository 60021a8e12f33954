/**
 * Redis restarted under one document edited on two instances (a redis-server of this test's own):
 * while Redis is down each instance goes on serving its own partner, and their edits are stored;
 * once it is back the instances catch up with each other, so both partners end up with the same
 * text, and the log holds everything once.
 */
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentUpdates } from '../../../drizzle/schema';
import { loadDocumentState } from '../../../server/documents/document-store';
import { makeCouple } from '../../support/fixtures';
import { connectDocument, documentTokenFor, within, type ClusterDocClient } from '../../support/cluster-clients';
import { startMendCluster, type MendCluster } from '../../support/mend-cluster';
import { redisServerAvailable, scaleOutTestsCanRun, startOwnRedis, type OwnRedis } from '../../support/test-redis';
import { makeDocument } from '../realtime/realtime-harness';

const canRun = scaleOutTestsCanRun() && (redisServerAvailable() || process.env.CI === 'true');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(predicate: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe.skipIf(!canRun)('a document on two instances while Redis restarts', () => {
  let redis: OwnRedis;
  let cluster: MendCluster;
  const open: ClusterDocClient[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
    cluster = await startMendCluster({ instances: 2, redisUrl: redis.url });
  }, 180_000);
  afterAll(async () => {
    for (const client of open.splice(0)) client.destroy();
    await cluster?.stop();
    await redis?.dispose();
  }, 60_000);

  it('each partner keeps editing on their own instance, and both texts meet again once Redis is back', async () => {
    const db = cluster.database.db;
    const [one, two] = cluster.instances as [(typeof cluster.instances)[0], (typeof cluster.instances)[0]];
    const { alex, sam, space } = await makeCouple(db);
    const documentId = await makeDocument(db, { spaceId: space.id, createdBy: alex.id });
    const connect = async (url: string, userId: string) => {
      const client = connectDocument(url, documentId, await documentTokenFor(cluster.authSecret, userId, documentId));
      open.push(client);
      await within(client.synced, 15_000, 'the client to sync');
      return client;
    };
    const a = await connect(one.url, alex.id);
    const b = await connect(two.url, sam.id);
    a.text.insert(0, 'Before. ');
    await until(() => b.text.toString() === 'Before. ', 10_000, 'the first words to cross');

    await redis.stop();
    await sleep(500);
    a.text.insert(a.text.length, 'Alex during. ');
    b.text.insert(0, 'Sam during. ');
    // Each instance still serves (and stores) its own partner's words.
    await sleep(1500);
    expect(a.text.toString()).toContain('Alex during.');
    expect(b.text.toString()).toContain('Sam during.');
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);

    await redis.start();
    await until(() => a.text.toString() === b.text.toString(), 30_000, 'the two texts to meet after Redis is back');
    const text = a.text.toString();
    expect(text).toContain('Alex during.');
    expect(text).toContain('Sam during.');
    expect(one.output() + two.output()).toMatch(/Redis is back/);

    // And after that, edits cross again as usual.
    a.text.insert(a.text.length, 'After.');
    await until(() => b.text.toString() === a.text.toString(), 10_000, 'a later edit to cross');
    const final = a.text.toString();
    await until(
      async () => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, (await loadDocumentState(db, documentId)).state);
        return doc.getText('body').toString() === final;
      },
      15_000,
      'everything to be stored',
    );
    const log = await db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId)).orderBy(asc(documentUpdates.seq));
    expect(log.map((row) => row.seq)).toEqual(log.map((_, i) => i + 1));
    expect(new Set(log.map((row) => Buffer.from(row.update).toString('base64'))).size).toBe(log.length);
  }, 150_000);

  it('what the other instance stored during the outage and then unloaded reaches the partner once Redis is back (read from the log)', async () => {
    const db = cluster.database.db;
    const [one, two] = cluster.instances as [(typeof cluster.instances)[0], (typeof cluster.instances)[0]];
    const { alex, sam, space } = await makeCouple(db);
    const documentId = await makeDocument(db, { spaceId: space.id, createdBy: alex.id });
    const connect = async (url: string, userId: string) => {
      const client = connectDocument(url, documentId, await documentTokenFor(cluster.authSecret, userId, documentId));
      open.push(client);
      await within(client.synced, 15_000, 'the client to sync');
      return client;
    };
    const a = await connect(one.url, alex.id);
    const b = await connect(two.url, sam.id);
    a.text.insert(0, 'Before. ');
    await until(() => b.text.toString() === 'Before. ', 10_000, 'the first words to cross');

    await redis.stop();
    await sleep(500);
    b.text.insert(b.text.length, 'Sam wrote this and left. ');
    // Sam's instance stores the words, then unloads the document when Sam closes the page.
    await until(
      async () => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, (await loadDocumentState(db, documentId)).state);
        return doc.getText('body').toString().includes('Sam wrote this');
      },
      10_000,
      'Sam’s words to be stored',
    );
    b.destroy();
    await sleep(1000);
    expect(a.text.toString()).not.toContain('Sam wrote this');

    await redis.start();
    await until(() => a.text.toString().includes('Sam wrote this and left.'), 30_000, 'Sam’s stored words to reach Alex');
  }, 150_000);
});
