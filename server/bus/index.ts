/**
 * The process's bus, installed once at start (server/main.ts) and found by everyone through
 * currentBus(). It lives on globalThis because Next's bundled server actions and the realtime server
 * are different module instances in one process: both must publish to, and hear from, the same bus.
 *
 * A process that never installs one (integration tests that start the HTTP server directly, scripts)
 * gets the in-process bus on first use. This file must not import the Redis implementation: the
 * event modules that import it are bundled into Next's server code too.
 */
import { InProcessBus } from './in-process-bus';
import type { RealtimeBus } from './realtime-bus';

export type { RealtimeBus } from './realtime-bus';

const KEY = Symbol.for('mend.realtime-bus');
type Holder = { [KEY]?: RealtimeBus };

/** Makes `bus` the process's bus. Call before any service subscribes; refuses to replace one in use. */
export function installBus(bus: RealtimeBus): void {
  const holder = globalThis as Holder;
  if (holder[KEY] && holder[KEY] !== bus) throw new Error('A realtime bus is already installed in this process.');
  holder[KEY] = bus;
}

export function currentBus(): RealtimeBus {
  const holder = globalThis as Holder;
  holder[KEY] ??= new InProcessBus();
  return holder[KEY];
}
