/**
 * Redis restarted under two running instances (a redis-server of this test's own, so nobody else's
 * tests are disturbed): each instance goes on serving its own clients, says so once, reports it on
 * /healthz, and when Redis is back it catches up: sockets whose access ended meanwhile are closed,
 * and events cross instances again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import type { ConversationAck } from '../../../server/realtime/socket-io/conversation-feature';
import { makeCouple } from '../../support/fixtures';
import { waitForEvent } from '../../support/live-clients';
import { startMendCluster, type MendCluster } from '../../support/mend-cluster';
import { connectDocument, connectSocket, documentTokenFor, socketToken, within, type ClusterSocket } from '../../support/cluster-clients';
import { makeDocument } from '../realtime/realtime-harness';
import { redisServerAvailable, scaleOutTestsCanRun, startOwnRedis, type OwnRedis } from '../../support/test-redis';

const canRun = scaleOutTestsCanRun() && (redisServerAvailable() || process.env.CI === 'true');
type People = { people: { name: string }[] };
const names = (p: People) => p.people.map((x) => x.name).join();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function health(url: string): Promise<{ status: string; redis?: { reachable: boolean; detail: string } }> {
  return (await (await fetch(`${url}/healthz`)).json()) as never;
}
async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe.skipIf(!canRun)('Redis restarted under two instances', () => {
  let redis: OwnRedis;
  let cluster: MendCluster;
  const open: ClusterSocket[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
    cluster = await startMendCluster({ instances: 2, redisUrl: redis.url });
    await cluster.joinBus();
  }, 180_000);
  afterAll(async () => {
    for (const client of open.splice(0)) client.close();
    await cluster?.stop();
    await redis?.dispose();
  }, 60_000);

  it('keeps each instance serving its own clients, and catches up when Redis is back', async () => {
    const [one, two] = cluster.instances.map((instance) => instance.url) as [string, string];
    const db = cluster.database.db;
    const socketOn = async (url: string, userId: string) => {
      const client = await connectSocket(url, await socketToken(cluster.authSecret, userId));
      open.push(client);
      return client;
    };
    const { alex, sam, space } = await makeCouple(db);
    const a = await socketOn(one, alex.id);
    const s = await socketOn(two, sam.id);
    await waitForEvent(a, 'presence-changed', (p: People) => names(p) === 'Alex,Sam', 10_000);
    // Another couple edits one agreement, one partner on each instance.
    const writers = await makeCouple(db);
    const agreement = await makeDocument(db, { spaceId: writers.space.id, createdBy: writers.alex.id });
    const alexDoc = connectDocument(one, agreement, await documentTokenFor(cluster.authSecret, writers.alex.id, agreement));
    const samDoc = connectDocument(two, agreement, await documentTokenFor(cluster.authSecret, writers.sam.id, agreement));
    open.push({ close: () => alexDoc.destroy() } as never, { close: () => samDoc.destroy() } as never);
    await within(Promise.all([alexDoc.synced, samDoc.synced]), 10_000, 'both to load the agreement');
    alexDoc.text.insert(0, 'before ');
    await until(() => samDoc.text.toString() === 'before ', 'the first words to cross');
    expect(await health(one)).toMatchObject({ status: 'ok', redis: { reachable: true } });

    await redis.stop();
    for (const url of [one, two]) {
      await until(async () => (await health(url)).status === 'degraded', `${url} to report Redis down`);
      expect((await health(url)).redis).toMatchObject({ reachable: false, detail: expect.stringContaining('unreachable') });
    }

    // Instance one still admits and serves its own: a second device of Alex's, presence, a conversation.
    const started = Date.now();
    const a2 = await socketOn(one, alex.id);
    await waitForEvent(a2, 'presence-changed', (p: People) => names(p).includes('Alex'), 10_000);
    expect(Date.now() - started).toBeLessThan(6000);
    const ack = (await a.socket.timeout(8000).emitWithAck('conversation-action-to-server', { type: 'propose', topic: 'While Redis is away', turnMinutes: 2 })) as ConversationAck;
    expect(ack.ok).toBe(true);
    await waitForEvent(a2, 'conversation-proposed', () => true, 10_000);
    await waitForEvent(a2, 'conversation-state-to-client', (p: { conversation: { topic?: string } | null }) => p.conversation?.topic === 'While Redis is away', 10_000);

    // Each goes on typing on their own instance while the instances cannot hear each other.
    alexDoc.text.insert(alexDoc.text.length, 'ALEX-OFFLINE ');
    samDoc.text.insert(0, 'SAM-OFFLINE ');
    await sleep(1000);
    expect(samDoc.text.toString()).not.toContain('ALEX-OFFLINE');

    // Sam leaves while Redis is away: the announcement cannot reach instance two now.
    await leaveSpace(db, { userId: sam.id }, space.id);
    await sleep(1500);
    expect(s.socket.connected).toBe(true);

    await redis.start();
    for (const url of [one, two]) await until(async () => (await health(url)).status === 'ok', `${url} to report Redis back`, 20_000);
    // The document catches up across instances: each sees what the other typed during the outage.
    await until(
      () => alexDoc.text.toString().includes('SAM-OFFLINE') && samDoc.text.toString().includes('ALEX-OFFLINE') && alexDoc.text.toString() === samDoc.text.toString(),
      'both copies to catch up',
      15_000,
    );
    // Catching up: instance two looks at its sockets again and closes Sam's.
    await waitForEvent(s, 'space-access-ended', () => true, 10_000);
    expect(await within(s.disconnected, 10_000, "Sam's socket to close")).toBe('io server disconnect');

    // Events cross again: a new couple split over the two instances see each other.
    const pair = await makeCouple(db);
    const p1 = await socketOn(one, pair.alex.id);
    const p2 = await socketOn(two, pair.sam.id);
    await waitForEvent(p1, 'presence-changed', (p: People) => names(p) === 'Alex,Sam', 10_000);
    await waitForEvent(p2, 'presence-changed', (p: People) => names(p) === 'Alex,Sam', 10_000);

    // Loud once per outage, not once per retry; and once back.
    for (const instance of cluster.instances) {
      const output = instance.output();
      expect(output.match(/REDIS UNREACHABLE/g) ?? [], output).toHaveLength(1);
      expect(output.match(/^Redis is back/gm) ?? [], output).toHaveLength(1);
      expect(output).not.toMatch(/Unhandled|unhandledRejection|ioredis\] Unhandled/);
    }
  }, 120_000);
});
