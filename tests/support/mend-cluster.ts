/**
 * Several real Mend processes (server/main.ts, MEND_WEB=off) on one PostgreSQL database and one
 * Redis, as a scale-out deployment runs them: the same AUTH_SECRET, the same DATABASE_URL, the same
 * REDIS_URL and key prefix. The prefix is the run's own and its keys are removed on stop; the
 * database is a fresh one, dropped on stop.
 *
 *   const cluster = await startMendCluster({ instances: 2 });
 *   cluster.instances[0].url … cluster.db (for fixtures) … await cluster.stop();
 */
import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '../../server/db/database';
import { installBus } from '../../server/bus';
import { startRedisBus, type RedisRealtimeBus } from '../../server/bus/redis-bus';
import { openPostgres } from '../../server/db/open-database';
import { startMendProcess, type MendProcess } from './mend-process';
import { createTestDatabaseUrl } from './test-database';
import { cleanRedisPrefix, testRedisUrl, uniqueRedisPrefix } from './test-redis';

export interface MendCluster {
  instances: MendProcess[];
  authSecret: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** The test's own connection to the cluster's database (fixtures, checks). */
  database: DatabaseHandle;
  /**
   * Makes this test process one more participant of the cluster's bus (installed as the process's
   * bus), so domain code the test calls (sharing a note, leaving the space) publishes its events to
   * the instances the way a server action on any instance would. Call before anything publishes.
   */
  joinBus(): Promise<RedisRealtimeBus>;
  /** Starts one more instance (or a replacement) with the cluster's settings. */
  startInstance(env?: Record<string, string>): Promise<MendProcess>;
  stop(): Promise<void>;
}

export async function startMendCluster(
  options: { instances?: number; redisUrl?: string; redisPrefix?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<MendCluster> {
  const redisUrl = options.redisUrl ?? testRedisUrl();
  if (!redisUrl) throw new Error('startMendCluster needs Redis: set TEST_REDIS_URL');
  const redisPrefix = options.redisPrefix ?? uniqueRedisPrefix('cluster');
  const authSecret = randomBytes(32).toString('base64url');
  const created = await createTestDatabaseUrl();
  // Migrated once here, so the instances only find the schema in place.
  const database = await openPostgres(created.url, { max: 5 });
  const instances: MendProcess[] = [];
  const launch = (env: Record<string, string> = {}) =>
    startMendProcess({
      databaseUrl: created.url,
      timeoutMs: options.timeoutMs ?? 90_000,
      env: { MEND_WEB: 'off', AUTH_SECRET: authSecret, REDIS_URL: redisUrl, MEND_REDIS_PREFIX: redisPrefix, ...options.env, ...env },
    });
  const startInstance = async (env: Record<string, string> = {}) => {
    const instance = await launch(env);
    instances.push(instance);
    return instance;
  };
  const stop = async () => {
    await Promise.all(instances.map((instance) => instance.stop().catch(() => null)));
    await database.close().catch(() => undefined);
    await created.drop().catch(() => undefined);
    await cleanRedisPrefix(redisUrl, redisPrefix).catch(() => undefined);
  };
  try {
    const settled = await Promise.allSettled(Array.from({ length: options.instances ?? 2 }, () => launch()));
    for (const result of settled) if (result.status === 'fulfilled') instances.push(result.value);
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
  } catch (error) {
    await stop();
    throw error;
  }
  let joined: RedisRealtimeBus | null = null;
  return {
    instances,
    authSecret,
    databaseUrl: created.url,
    redisUrl,
    redisPrefix,
    database,
    startInstance,
    async joinBus() {
      joined ??= await startRedisBus({ url: redisUrl, prefix: redisPrefix, log: () => undefined });
      installBus(joined);
      return joined;
    },
    async stop() {
      await stop();
      await joined?.close();
    },
  };
}
