/**
 * Mend's one HTTP server: Next.js pages and route handlers, `/healthz`, and the realtime services
 * (document rooms, socket.io) on the same port. Upgrade requests that no realtime service takes go
 * on to Next (its dev server uses them for hot reload).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { CLIENT_ADDRESS_HEADER, REQUEST_PATH_HEADER } from './request-headers';
import { refuseOversizedServerAction } from './action-body-limit';
import { securityHeadersFor } from './security-headers';
import { pingDatabase, type DatabaseHandle } from './db/database';
import { currentBus } from './bus';
import type { RealtimeService, RealtimeServiceFactory } from './realtime/realtime-service';

export interface WebApp {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> | void;
  close?(): Promise<void>;
}

export interface MendServerOptions {
  database: DatabaseHandle;
  authSecret: string;
  port: number;
  host: string;
  /** The Next.js app; integration tests of realtime features run without it. */
  web?: WebApp;
  realtime?: RealtimeServiceFactory[];
  log?: (line: string) => void;
}

export interface MendServer {
  url: string;
  port: number;
  httpServer: http.Server;
  services: RealtimeService[];
  close(): Promise<void>;
}



export async function startMendServer(options: MendServerOptions): Promise<MendServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const httpServer = http.createServer((req, res) => {
    void handleRequest(req, res).catch((error) => {
      log(`request failed: ${req.method} ${req.url}: ${(error as Error)?.stack ?? error}`);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
      }
      res.end('Something went wrong on our side. Please try again.');
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = (req.url ?? '/').split('?')[0];
    // Every response carries the security headers, set before anything (Next included) can answer.
    // The policy also goes on the request: Next's renderer takes the script nonce from there.
    const security = securityHeadersFor(req.headers.host, process.env.MEND_DEV === '1');
    for (const [name, value] of Object.entries(security.response)) res.setHeader(name, value);
    req.headers['content-security-policy'] = security.contentSecurityPolicy;
    delete req.headers['content-security-policy-report-only'];
    if (pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      const reachable = await pingDatabase(options.database.db);
      // Redis down is 'degraded', still 200: the instance serves its own clients, and taking every
      // instance out of the load balancer at once (they all lose Redis together) would serve no one.
      const bus = currentBus();
      const redis = bus.kind === 'redis' ? bus.health() : null;
      const status = !reachable ? 'unavailable' : redis && !redis.ok ? 'degraded' : 'ok';
      res.statusCode = reachable ? 200 : 503;
      res.setHeader('content-type', 'application/json');
      res.setHeader('cache-control', 'no-store');
      res.end(
        JSON.stringify({
          status,
          database: { kind: options.database.kind, reachable },
          ...(redis ? { redis: { reachable: redis.ok, detail: redis.detail } } : {}),
        }),
      );
      return;
    }
    req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? '';
    req.headers[REQUEST_PATH_HEADER] = req.url ?? '/';
    if (refuseOversizedServerAction(req, res)) return;
    if (!options.web) {
      res.statusCode = 404;
      res.end('Not found');
      return;
    }
    await options.web.handle(req, res);
  }

  const services: RealtimeService[] = [];
  for (const factory of options.realtime ?? []) {
    services.push(await factory({ database: options.database, authSecret: options.authSecret, httpServer }));
  }

  httpServer.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    for (const service of services) {
      try {
        if (service.handleUpgrade?.(req, socket, head)) return;
      } catch (error) {
        log(`upgrade failed in ${service.name}: ${(error as Error)?.stack ?? error}`);
        socket.destroy();
        return;
      }
    }
    if (options.web?.upgrade && !(req.url ?? '').startsWith('/realtime/')) {
      void Promise.resolve(options.web.upgrade(req, socket, head)).catch(() => socket.destroy());
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    httpServer,
    services,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        // Realtime services flush their pending writes before the database closes.
        for (const service of services) await service.close();
        httpServer.closeAllConnections();
        await stopped;
        await options.web?.close?.();
      })();
      return closing;
    },
  };
}
