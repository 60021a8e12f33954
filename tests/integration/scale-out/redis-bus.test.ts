/**
 * The Redis bus on its own, several buses in one test process standing for several instances, on the
 * machine's Redis (a prefix of the run's own) and, for the outage, on a redis-server of the test's own.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RedisRealtimeBus, startRedisBus } from '../../../server/bus/redis-bus';
import { cleanRedisPrefix, scaleOutTestsCanRun, startOwnRedis, testRedisUrl, uniqueRedisPrefix } from '../../support/test-redis';

const canRun = scaleOutTestsCanRun();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bytes = (...values: number[]) => new Uint8Array(values);

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe.skipIf(!canRun)('the Redis bus', () => {
  const url = testRedisUrl()!;
  const prefix = uniqueRedisPrefix('bus');
  const buses: RedisRealtimeBus[] = [];
  const bus = async (options: { prefix?: string; url?: string; log?: (line: string) => void } = {}) => {
    const created = await startRedisBus({ url: options.url ?? url, prefix: options.prefix ?? prefix, log: options.log ?? (() => undefined), startTimeoutMs: 5000 });
    buses.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()));
  });
  afterAll(async () => {
    await cleanRedisPrefix(url, prefix);
  });

  it('delivers a topic message to every instance once, to the publisher at once, and to no other deployment', async () => {
    const [one, two, elsewhere] = [await bus(), await bus(), await bus({ prefix: uniqueRedisPrefix('other') })];
    const heard: string[] = [];
    one.subscribe('t', (message, from) => void heard.push(`one:${(message as { n: number }).n}:${from === one.instanceId ? 'self' : 'other'}`));
    two.subscribe('t', (message, from) => void heard.push(`two:${(message as { n: number }).n}:${from === one.instanceId ? 'one' : '?'}`));
    elsewhere.subscribe('t', () => void heard.push('elsewhere'));
    const published = one.publish('t', { n: 1 });
    // This instance's listeners ran synchronously, before publish returned.
    expect(heard).toEqual(['one:1:self']);
    await published;
    await until(() => heard.length >= 2, 'the other instance');
    await sleep(200);
    expect(heard.sort()).toEqual(['one:1:self', 'two:1:one']);
    expect(one.health()).toMatchObject({ ok: true });
  });

  it("settles publish once this instance's listeners have finished", async () => {
    const one = await bus();
    let finished = false;
    one.subscribe('slow', async () => {
      await sleep(150);
      finished = true;
    });
    one.subscribe('slow', () => {
      throw new Error('a failing listener is logged, never passed to the publisher');
    });
    await one.publish('slow', {});
    expect(finished).toBe(true);
  });

  it('sends document payloads to the other instances that joined, and answers a request with every reply', async () => {
    const [one, two, three, absent] = [await bus(), await bus(), await bus(), await bus()];
    const got: Record<string, number[][]> = { one: [], two: [], three: [], absent: [] };
    const documentId = crypto.randomUUID();
    await one.joinDocument(documentId, { onMessage: (p) => void got.one!.push([...p]) });
    await two.joinDocument(documentId, { onMessage: (p) => void got.two!.push([...p]), onRequest: (p) => bytes(...p, 42) });
    const leaveThree = await three.joinDocument(documentId, { onMessage: (p) => void got.three!.push([...p]), onRequest: () => undefined });
    await absent.joinDocument(crypto.randomUUID(), { onMessage: (p) => void got.absent!.push([...p]) });

    one.publishDocument(documentId, bytes(1, 2, 3));
    await until(() => got.two!.length === 1 && got.three!.length === 1, 'the payload on both others');
    await sleep(150);
    expect(got).toEqual({ one: [], two: [[1, 2, 3]], three: [[1, 2, 3]], absent: [] });

    // Two instances heard the request: one answers, one has nothing to add; no waiting for the timeout.
    const started = Date.now();
    const replies = await one.requestDocument(documentId, bytes(7), 5000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(replies.map((r) => [...r])).toEqual([[7, 42]]);

    // After leaving, an instance hears nothing more and is not waited for.
    await leaveThree();
    one.publishDocument(documentId, bytes(9));
    await until(() => got.two!.length === 2, 'the second payload');
    await sleep(150);
    expect(got.three).toHaveLength(1);
    expect((await one.requestDocument(documentId, bytes(8), 5000)).map((r) => [...r])).toEqual([[8, 42]]);
    // Nobody else has the document: an empty answer at once.
    const lonely = Date.now();
    expect(await one.requestDocument(crypto.randomUUID(), bytes(1), 5000)).toEqual([]);
    expect(Date.now() - lonely).toBeLessThan(1000);
  });

  it('keeps serving this instance with Redis down, says so once, and catches up when Redis is back', async () => {
    const redis = await startOwnRedis();
    try {
      const lines: string[] = [];
      const ownPrefix = uniqueRedisPrefix('outage');
      const one = await bus({ url: redis.url, prefix: ownPrefix, log: (line) => void lines.push(line) });
      const two = await bus({ url: redis.url, prefix: ownPrefix });
      const documentId = crypto.randomUUID();
      const onTwo: number[][] = [];
      await one.joinDocument(documentId, { onMessage: () => undefined });
      await two.joinDocument(documentId, { onMessage: (p) => void onTwo.push([...p]) });
      const heardOnOne: unknown[] = [];
      const heardOnTwo: unknown[] = [];
      one.subscribe('t', (m) => void heardOnOne.push(m));
      two.subscribe('t', (m) => void heardOnTwo.push(m));
      let resyncs = 0;
      one.onResync(() => void (resyncs += 1));

      await redis.stop();
      await until(() => !one.health().ok, 'the bus to notice');
      expect(one.health().detail).toContain('unreachable');
      await one.publish('t', 'while down');
      expect(heardOnOne).toEqual(['while down']);
      expect(await one.requestDocument(documentId, bytes(1), 3000)).toEqual([]);
      await sleep(2500); // ioredis retries every second or so: still one line
      expect(lines.filter((line) => line.includes('REDIS UNREACHABLE')), lines.join('\n')).toHaveLength(1);

      await redis.start();
      await until(() => one.health().ok && two.health().ok, 'both buses to reconnect', 15_000);
      await until(() => resyncs === 1, 'the resync listener');
      expect(lines.filter((line) => line.startsWith('Redis is back')), lines.join('\n')).toHaveLength(1);
      await one.publish('t', 'after');
      await until(() => heardOnTwo.includes('after'), 'a topic message after the outage');
      expect(heardOnTwo).not.toContain('while down');
      one.publishDocument(documentId, bytes(5));
      await until(() => onTwo.length === 1, 'the document channel joined again');
    } finally {
      await redis.dispose();
    }
  });
});
