/**
 * Chooses and installs the process's bus at start: Redis when REDIS_URL is set (several instances),
 * the in-process one otherwise. The Redis client is imported only then, so one process never loads it.
 */
import { installBus } from './index';
import { InProcessBus } from './in-process-bus';
import type { RealtimeBus } from './realtime-bus';

export async function startBus(options: { redisUrl: string | undefined; redisPrefix: string; log?: (line: string) => void }): Promise<RealtimeBus> {
  const log = options.log ?? ((line: string) => console.error(line));
  const bus: RealtimeBus = options.redisUrl
    ? await (await import('./redis-bus')).startRedisBus({ url: options.redisUrl, prefix: options.redisPrefix, log })
    : new InProcessBus({ log });
  installBus(bus);
  return bus;
}
