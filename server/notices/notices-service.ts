/**
 * Starts the notifier with the server (server/realtime/services.ts lists it beside the realtime
 * services, which gives it the process's database, the auth secret and a close on shutdown). It
 * takes no upgrade requests.
 */
import type { AddressInfo } from 'node:net';
import type { RealtimeServiceFactory } from '../server-service';
import { publicBaseUrl } from './notice-content';
import { createNotifier, type NotifierOptions } from './notifier';

export function noticesService(options: Partial<Pick<NotifierOptions, 'now' | 'env' | 'log' | 'tickMs' | 'baseUrl'>> = {}): RealtimeServiceFactory {
  return ({ database, authSecret, httpServer }) => {
    const env = options.env ?? process.env;
    const listening = () => {
      const address = httpServer.address() as AddressInfo | null;
      return `http://localhost:${address?.port ?? 3000}`;
    };
    const notifier = createNotifier({
      db: database.db,
      authSecret,
      baseUrl: options.baseUrl ?? (() => publicBaseUrl(listening(), env)),
      env,
      now: options.now,
      log: options.log,
      tickMs: options.tickMs,
    });
    notifier.start();
    return { name: 'notices', close: () => notifier.stop() };
  };
}
