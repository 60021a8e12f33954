/**
 * The server side of `npm run bench:realtime`, run as a child process so its memory and CPU are its
 * own: `mend` (Mend's document rooms on PGlite, or PostgreSQL when DATABASE_URL is set, with R spaces
 * of two people and one agreement each, real tokens, authorization and persistence) or `reference`
 * (y-websocket 1.5.4's bin/utils.js setupWSConnection on a plain `ws` server: no auth, no storage).
 * It talks to the driver over IPC: ready → measure-start / measure-stop → stats → exit.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { DatabaseHandle } from '../server/db/database';
import { LoopDelaySampler } from './loop-delay';

export interface BenchDocument {
  id: string;
  tokens: [string, string];
}

export type ServerMessage =
  | {
      type: 'ready';
      port: number;
      documents: BenchDocument[];
      database: string;
      /** Several instances: what a second instance needs to join the first (its database and token secret). */
      join?: { databaseUrl: string; secret: string };
    }
  | {
      type: 'stats';
      rss: number;
      baselineRss: number;
      persistLags: number[];
      serverLogLines: number;
      firstLogLines: string[];
      /** CPU time the server process used per second of measurement (ms/s; 1000 = one whole core). */
      cpuPerSecond: number;
      /** The server's event-loop delay while measuring (ms): how long a message may wait for the server to be free. */
      loopDelay: { p50: number; p99: number; max: number; gcMax: number };
    };

type DriverMessage = { type: 'measure-start' } | { type: 'measure-stop' } | { type: 'stats' } | { type: 'exit' };

const kind = process.argv[2] as 'mend' | 'reference';
const docCount = Number(process.argv[3] ?? 500);

const loopDelay = new LoopDelaySampler();

/**
 * BENCH_SLICE_PROFILE=dir: a CPU profile of the measured turns only (one file per turn, this
 * server's kind in the name), without start-up, seeding and connecting, which dominate a profile of
 * the whole process. `node bench/sum-profiles.mjs dir/mend-*` adds them up.
 */
const sliceProfiler = process.env.BENCH_SLICE_PROFILE
  ? await (async () => {
      const { Session } = await import('node:inspector/promises');
      const { writeFileSync, mkdirSync } = await import('node:fs');
      const dir = process.env.BENCH_SLICE_PROFILE!;
      mkdirSync(dir, { recursive: true });
      const session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      let turn = 0;
      return {
        start: () => void session.post('Profiler.start'),
        stop: () =>
          void session.post('Profiler.stop').then(({ profile }) => writeFileSync(path.join(dir, `${kind}-${process.pid}-${turn++}.cpuprofile`), JSON.stringify(profile))),
      };
    })()
  : null;

/** CPU used by this process during the measured slices only. */
const cpuMeter = {
  usedUs: 0,
  wallMs: 0,
  startedCpu: null as NodeJS.CpuUsage | null,
  startedAt: 0,
  start() {
    this.startedCpu = process.cpuUsage();
    this.startedAt = performance.now();
  },
  stop() {
    if (!this.startedCpu) return;
    const used = process.cpuUsage(this.startedCpu);
    this.usedUs += used.user + used.system;
    this.wallMs += performance.now() - this.startedAt;
    this.startedCpu = null;
  },
  perSecond() {
    return this.wallMs === 0 ? NaN : Math.round(this.usedUs / this.wallMs);
  },
};

function send(message: ServerMessage): void {
  process.send!(message);
}

/** RSS after garbage collection has had its chance (twice, with a pause for freed pages to go back). */
async function settledRss(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
  gc?.();
  return process.memoryUsage().rss;
}

async function seed(database: DatabaseHandle, count: number): Promise<Array<{ id: string; people: [string, string] }>> {
  const { documents, spaceMembers, spaces, users } = await import('../drizzle/schema');
  const rows = Array.from({ length: count }, () => ({ spaceId: randomUUID(), documentId: randomUUID(), people: [randomUUID(), randomUUID()] as [string, string] }));
  for (let start = 0; start < rows.length; start += 250) {
    const slice = rows.slice(start, start + 250);
    await database.db.transaction(async (tx) => {
      await tx.insert(users).values(
        slice.flatMap((row, i) =>
          row.people.map((id, seat) => ({ id, name: `Bench ${start + i}-${seat + 1}`, email: `bench-${id}@example.com`, passwordHash: 'not-a-real-hash' })),
        ),
      );
      await tx.insert(spaces).values(slice.map((row, i) => ({ id: row.spaceId, name: `Bench space ${start + i}`, createdBy: row.people[0] })));
      await tx.insert(spaceMembers).values(slice.flatMap((row) => row.people.map((userId, seat) => ({ spaceId: row.spaceId, userId, seat: seat + 1 }))));
      await tx
        .insert(documents)
        .values(slice.map((row) => ({ id: row.documentId, spaceId: row.spaceId, kind: 'agreement' as const, title: 'Bench agreement', createdBy: row.people[0] })));
    });
  }
  return rows.map((row) => ({ id: row.documentId, people: row.people }));
}

async function runMend(): Promise<void> {
  // Imported here so the reference server's process never loads Mend's modules (or a second Yjs).
  const { issueRealtimeToken } = await import('../server/auth/realtime-token');
  const { openPglite, openPostgres } = await import('../server/db/open-database');
  const { startMendServer } = await import('../server/http-server');
  const { createYjsService } = await import('../server/realtime/yjs/yjs-service');
  const { createTestDatabaseUrl } = await import('../tests/support/test-database');
  // BENCH_JOIN_DATABASE_URL + BENCH_JOIN_SECRET: a second instance of a cluster the first one set up.
  const joining = process.env.BENCH_JOIN_DATABASE_URL ? { databaseUrl: process.env.BENCH_JOIN_DATABASE_URL, secret: process.env.BENCH_JOIN_SECRET! } : null;
  const secret = joining?.secret ?? randomBytes(32).toString('base64url');
  let database: DatabaseHandle;
  let databaseUrl: string | undefined;
  let cleanup = async () => {};
  if (joining) {
    database = await openPostgres(joining.databaseUrl, { max: 10 });
    databaseUrl = joining.databaseUrl;
  } else if (process.env.DATABASE_URL) {
    const created = await createTestDatabaseUrl();
    database = await openPostgres(created.url, { max: 10 });
    databaseUrl = created.url;
    cleanup = created.drop;
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'mend-bench-'));
    // BENCH_PGLITE_THREAD=off: PGlite in the server's own thread, as before it had a thread of its own.
    database = await openPglite(dir, { thread: process.env.BENCH_PGLITE_THREAD !== 'off' });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const seeded = joining ? [] : await seed(database, docCount);
  // BENCH_REDIS_URL: several instances sharing updates through Redis (each run its own prefix).
  const bus = process.env.BENCH_REDIS_URL
    ? await (await import('../server/bus/start-bus')).startBus({ redisUrl: process.env.BENCH_REDIS_URL, redisPrefix: process.env.BENCH_REDIS_PREFIX ?? 'mend-bench', log: () => {} })
    : null;
  let measuring = false;
  const persistLags: number[] = [];
  const logLines: string[] = [];
  let logCount = 0;
  const log = (line: string) => {
    logCount++;
    if (logLines.length < 5) logLines.push(line);
  };
  const server = await startMendServer({
    database,
    authSecret: secret,
    port: 0,
    host: '127.0.0.1',
    log,
    realtime: [createYjsService({ log, observer: { persisted: (lags) => measuring && persistLags.push(...lags) } })],
  });
  const benchDocuments: BenchDocument[] = [];
  for (const doc of seeded) {
    const tokens = await Promise.all(
      doc.people.map(async (userId) => (await issueRealtimeToken(secret, { userId, scope: { kind: 'document', documentId: doc.id } }, new Date(), 3600)).token),
    );
    benchDocuments.push({ id: doc.id, tokens: tokens as [string, string] });
  }
  const baselineRss = await settledRss();
  process.on('message', (message: DriverMessage) => {
    if (message.type === 'measure-start') {
      measuring = true;
      loopDelay.start();
      cpuMeter.start();
      sliceProfiler?.start();
    }
    if (message.type === 'measure-stop') {
      measuring = false;
      loopDelay.stop();
      cpuMeter.stop();
      sliceProfiler?.stop();
    }
    if (message.type === 'stats') {
      const delay = loopDelay.summary();
      void settledRss().then((rss) => send({ type: 'stats', rss, baselineRss, persistLags, serverLogLines: logCount, firstLogLines: logLines, loopDelay: delay, cpuPerSecond: cpuMeter.perSecond() }));
    }
    if (message.type === 'exit') {
      void (async () => {
        await server.close();
        await bus?.close();
        await database.close();
        await cleanup();
        // A normal exit (not process.exit) lets --cpu-prof write its profile.
        process.exitCode = 0;
        setTimeout(() => process.exit(0), 2000).unref();
        process.disconnect();
      })();
    }
  });
  const databaseName = database.kind === 'postgres' ? 'PostgreSQL' : process.env.BENCH_PGLITE_THREAD === 'off' ? 'PGlite (same thread)' : 'PGlite';
  send({ type: 'ready', port: server.port, documents: benchDocuments, database: databaseName, join: bus && databaseUrl ? { databaseUrl, secret } : undefined });
}

async function runReference(): Promise<void> {
  const require = createRequire(import.meta.url);
  const { setupWSConnection } = require('y-websocket-reference/bin/utils') as { setupWSConnection: (ws: unknown, req: http.IncomingMessage) => void };
  const httpServer = http.createServer((_, res) => res.end('reference'));
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (ws, req) => setupWSConnection(ws, req));
  httpServer.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as { port: number }).port;
  const benchDocuments: BenchDocument[] = Array.from({ length: docCount }, () => ({ id: randomUUID(), tokens: ['', ''] }));
  const baselineRss = await settledRss();
  process.on('message', (message: DriverMessage) => {
    if (message.type === 'measure-start') {
      loopDelay.start();
      cpuMeter.start();
      sliceProfiler?.start();
    }
    if (message.type === 'measure-stop') {
      loopDelay.stop();
      cpuMeter.stop();
      sliceProfiler?.stop();
    }
    if (message.type === 'stats') {
      const delay = loopDelay.summary();
      void settledRss().then((rss) => send({ type: 'stats', rss, baselineRss, persistLags: [], serverLogLines: 0, firstLogLines: [], loopDelay: delay, cpuPerSecond: cpuMeter.perSecond() }));
    }
    if (message.type === 'exit') process.exit(0);
  });
  send({ type: 'ready', port, documents: benchDocuments, database: 'none' });
}

// If the driver dies, do not linger as an orphan holding a port and a database.
process.on('disconnect', () => setTimeout(() => process.exit(1), 3000).unref());

if (kind === 'mend') await runMend();
else if (kind === 'reference') await runReference();
else {
  console.error('usage: realtime-server.ts mend|reference <documents>');
  process.exit(2);
}
