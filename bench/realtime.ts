/**
 * `npm run bench:realtime` — Mend's document rooms against the reference y-websocket server under
 * the same workload: R documents, two stock WebsocketProvider clients each, every client editing
 * (insert, and delete once the text is long) at a steady rate. Measures partner-to-partner
 * propagation latency, edits per second delivered, server RSS per loaded idle document and, for
 * Mend, persistence lag (update applied in memory → its row committed).
 *
 *   npm run bench:realtime                                   # PGlite, 500 documents, 2 edits/s per client, 30 s
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:realtime
 *   npm run bench:realtime -- --docs 100 --rate 5 --duration 20 --warmup 5 --servers mend
 *   DATABASE_URL=postgres://… npm run bench:realtime -- --instances 2    # Mend as two instances on Redis
 *
 * Prints a table, then one JSON line. Each server runs in its own child process (bench/realtime-server.ts);
 * the clients all run in this process. Both servers run at the same time and take turns under load in
 * 5-second slices, so background load on the machine falls on both alike. The table also shows the
 * event-loop delay of the server and of the clients: latency above it is the server's own doing.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { LoopDelaySampler } from './loop-delay';
import type { ServerMessage } from './realtime-server';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '500' },
    rate: { type: 'string', default: '2' },
    duration: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    servers: { type: 'string', default: 'mend,reference' },
    instances: { type: 'string', default: '1' },
  },
});
const docCount = positive(values.docs, 'docs');
const ratePerClient = positive(values.rate, 'rate');
const durationS = positive(values.duration, 'duration');
const warmupS = Number(values.warmup);
const servers = values.servers.split(',').filter((s): s is 'mend' | 'reference' => s === 'mend' || s === 'reference');
/**
 * --instances 2: Mend runs as two processes on one PostgreSQL database (DATABASE_URL) sharing
 * updates through Redis (REDIS_URL, default the machine's). Half the pairs have both partners on
 * one instance (alternately the first and the second), half have one partner on each: the two are
 * reported side by side, measured in the same turns.
 */
const instances = Number(values.instances);
if (instances !== 1 && instances !== 2) {
  console.error('--instances must be 1 or 2');
  process.exit(2);
}
if (instances === 2 && !process.env.DATABASE_URL) {
  console.error('--instances 2 needs DATABASE_URL (a PostgreSQL server both instances share)');
  process.exit(2);
}
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const redisPrefix = `mend-bench-${process.pid}-${Date.now().toString(36)}`;

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} must be a positive number`);
    process.exit(2);
  }
  return n;
}

// Every WebsocketProvider in Node adds a process 'exit' listener; a thousand of them are expected here.
process.setMaxListeners(0);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const here = path.dirname(fileURLToPath(import.meta.url));

interface Figures {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  edits_per_s: number;
  rss_per_doc_kb: number;
  persist_p50_ms?: number;
  persist_p99_ms?: number;
  sent_per_s: number;
  max_ms: number;
  database: string;
  server_log_lines: number;
  loop_delay: { p50: number; p99: number; max: number; gcMax: number };
  cpu_ms_per_s: number;
  client_loop_delay: { p50: number; p99: number; max: number; gcMax: number };
  /** --instances 2: pairs with one partner on each instance. */
  cross?: { p50_ms: number; p95_ms: number; p99_ms: number; max_ms: number; edits_per_s: number };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

type ServerHandle = { child: ChildProcess; next: <T extends ServerMessage['type']>(type: T) => Promise<Extract<ServerMessage, { type: T }>> };

function startServer(kind: 'mend' | 'reference', extraEnv: Record<string, string> = {}): ServerHandle {
  const child = fork(path.join(here, 'realtime-server.ts'), [kind, String(docCount)], {
    // BENCH_CPU_PROFILE=dir writes a .cpuprofile of the server process there (for finding hot spots).
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production', ...extraEnv },
  });
  const next = <T extends ServerMessage['type']>(type: T) =>
    new Promise<Extract<ServerMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (message: ServerMessage) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as Extract<ServerMessage, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`${kind} server exited (${code}) before sending ${type}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return { child, next };
}

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  timer?: NodeJS.Timeout;
}

let editCounter = 0;

/** One server under test: its process, its clients, and what was measured against it. */
class Target {
  readonly latencies: number[] = [];
  /** Latencies of pairs split across two instances (--instances 2). */
  readonly crossLatencies: number[] = [];
  private readonly sentAt = new Map<string, number>();
  private readonly clients: Client[] = [];
  private measuring = false;
  private measuredMs = 0;
  private measureStartedAt = 0;
  private sent = 0;
  // The clients' own event loop is part of every latency measured here; this shows how much.
  private readonly clientLoop = new LoopDelaySampler();
  /** One server process, or (a Mend cluster) the first and the second instance. */
  private readonly serverProcesses: ServerHandle[] = [];
  database = '';

  constructor(
    readonly kind: 'mend' | 'reference',
    readonly instanceCount = 1,
  ) {}

  private get server(): ServerHandle {
    return this.serverProcesses[0]!;
  }

  async start(): Promise<void> {
    const cluster: Record<string, string> = this.instanceCount > 1 ? { BENCH_REDIS_URL: redisUrl, BENCH_REDIS_PREFIX: redisPrefix } : {};
    this.serverProcesses.push(startServer(this.kind, cluster));
    const ready = await this.server.next('ready');
    const origins = [`ws://127.0.0.1:${ready.port}/realtime/yjs`];
    this.database = ready.database;
    if (this.instanceCount > 1) {
      if (!ready.join) throw new Error('the first instance did not say how to join it');
      const second = startServer(this.kind, { ...cluster, BENCH_JOIN_DATABASE_URL: ready.join.databaseUrl, BENCH_JOIN_SECRET: ready.join.secret });
      this.serverProcesses.push(second);
      const joined = await second.next('ready');
      origins.push(`ws://127.0.0.1:${joined.port}/realtime/yjs`);
      this.database = `${ready.database} x2+Redis`;
    }
    process.stderr.write(`${this.kind}: server ready (${this.database}), connecting ${docCount * 2} clients…\n`);
    for (let start = 0; start < ready.documents.length; start += 50) {
      const batch: Client[] = [];
      for (const [offset, document] of ready.documents.slice(start, start + 50).entries()) {
        const i = start + offset;
        // Cluster: odd pairs are split across the instances; even pairs share one, alternately the first and the second.
        const cross = origins.length > 1 && i % 2 === 1;
        const home = origins[Math.floor(i / 2) % origins.length]!;
        const away = cross ? origins[(Math.floor(i / 2) + 1) % origins.length]! : home;
        batch.push(this.connect(home, document.id, document.tokens[0], cross), this.connect(away, document.id, document.tokens[1], cross));
      }
      await Promise.all(batch.map((client) => new Promise<void>((resolve) => (client.provider.synced ? resolve() : client.provider.once('sync', () => resolve())))));
      this.clients.push(...batch);
    }
    process.stderr.write(`${this.kind}: ${this.clients.length} clients synced\n`);
  }

  private connect(origin: string, documentId: string, token: string, cross = false): Client {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(origin, documentId, doc, {
      params: token ? { token } : {},
      WebSocketPolyfill: WebSocket as never,
      disableBc: true,
    });
    const text = doc.getText('body');
    text.observe((event) => {
      if (event.transaction.local) return;
      const now = performance.now();
      for (const op of event.delta) {
        if (typeof op.insert !== 'string') continue;
        for (const match of op.insert.matchAll(/~([mu][0-9a-z]+)~/g)) {
          const id = match[1]!;
          const at = this.sentAt.get(id);
          if (at === undefined) continue;
          this.sentAt.delete(id);
          if (id.startsWith('m')) (cross ? this.crossLatencies : this.latencies).push(now - at);
        }
      }
    });
    return { doc, provider, text };
  }

  private edit(client: Client): void {
    // Edits sent while measuring are marked, so their latency counts even if they arrive just after.
    const id = `${this.measuring ? 'm' : 'u'}${(editCounter++).toString(36)}`;
    client.doc.transact(() => {
      const length = client.text.length;
      // Keep documents at a realistic size: once long, each edit also deletes a little.
      if (length > 3000) client.text.delete(Math.floor(Math.random() * (length - 20)), 12);
      client.text.insert(Math.floor(Math.random() * (client.text.length + 1)), `~${id}~`);
    });
    this.sentAt.set(id, performance.now());
    if (this.measuring) this.sent++;
  }

  startEditing(): void {
    const intervalMs = 1000 / ratePerClient;
    for (const client of this.clients) {
      const target = this;
      client.timer = setTimeout(function tick() {
        target.edit(client);
        client.timer = setTimeout(tick, intervalMs);
      }, Math.random() * intervalMs);
    }
  }

  stopEditing(): void {
    for (const client of this.clients) clearTimeout(client.timer);
  }

  startMeasuring(): void {
    this.measuring = true;
    this.measureStartedAt = performance.now();
    this.clientLoop.start();
    for (const server of this.serverProcesses) server.child.send({ type: 'measure-start' });
  }

  stopMeasuring(): void {
    this.measuring = false;
    this.measuredMs += performance.now() - this.measureStartedAt;
    this.clientLoop.stop();
    for (const server of this.serverProcesses) server.child.send({ type: 'measure-stop' });
  }

  async finish(): Promise<Figures> {
    const all: Array<Extract<ServerMessage, { type: 'stats' }>> = [];
    for (const server of this.serverProcesses) {
      server.child.send({ type: 'stats' });
      all.push(await server.next('stats'));
    }
    for (const client of this.clients) {
      client.provider.awareness.destroy();
      client.provider.destroy();
      client.doc.destroy();
    }
    // The first instance made the database and drops it: it goes last.
    for (const server of [...this.serverProcesses].reverse()) {
      server.child.send({ type: 'exit' });
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
    // A cluster's figures are the instances' together: memory and CPU summed, the worse loop delay.
    const worst = (pick: (delay: Figures['loop_delay']) => number) => Math.max(...all.map((each) => pick(each.loopDelay)));
    const stats = {
      rss: all.reduce((sum, each) => sum + each.rss, 0),
      baselineRss: all.reduce((sum, each) => sum + each.baselineRss, 0),
      persistLags: all.flatMap((each) => each.persistLags),
      serverLogLines: all.reduce((sum, each) => sum + each.serverLogLines, 0),
      firstLogLines: all.flatMap((each) => each.firstLogLines).slice(0, 5),
      cpuPerSecond: all.reduce((sum, each) => sum + each.cpuPerSecond, 0),
      loopDelay: { p50: worst((d) => d.p50), p99: worst((d) => d.p99), max: worst((d) => d.max), gcMax: worst((d) => d.gcMax) },
    };
    const latencies = [...this.latencies].sort((a, b) => a - b);
    const lags = [...stats.persistLags].sort((a, b) => a - b);
    const measuredS = this.measuredMs / 1000;
    const figures: Figures = {
      p50_ms: round(percentile(latencies, 50)),
      p95_ms: round(percentile(latencies, 95)),
      p99_ms: round(percentile(latencies, 99)),
      edits_per_s: round(latencies.length / measuredS, 1),
      rss_per_doc_kb: round((stats.rss - stats.baselineRss) / docCount / 1024, 1),
      sent_per_s: round(this.sent / measuredS, 1),
      max_ms: round(latencies.at(-1) ?? NaN),
      database: this.database,
      server_log_lines: stats.serverLogLines,
      loop_delay: stats.loopDelay,
      cpu_ms_per_s: stats.cpuPerSecond,
      client_loop_delay: this.clientLoop.summary(),
    };
    if (this.instanceCount > 1) {
      const cross = [...this.crossLatencies].sort((a, b) => a - b);
      figures.cross = {
        p50_ms: round(percentile(cross, 50)),
        p95_ms: round(percentile(cross, 95)),
        p99_ms: round(percentile(cross, 99)),
        max_ms: round(cross.at(-1) ?? NaN),
        edits_per_s: round(cross.length / measuredS, 1),
      };
    }
    if (this.kind === 'mend') {
      figures.persist_p50_ms = round(percentile(lags, 50));
      figures.persist_p99_ms = round(percentile(lags, 99));
    }
    if (stats.firstLogLines.length > 0) process.stderr.write(`${this.kind}: server logged ${stats.serverLogLines} line(s), first: ${stats.firstLogLines.join(' | ')}\n`);
    return figures;
  }
}

/**
 * Both servers run at once (idle connections cost next to nothing) and take turns under load, in
 * slices, so that whatever else the machine is doing falls on both alike rather than on whichever
 * happened to run first.
 */
const SLICE_MS = 5000;
const LEAD_IN_MS = 500;
const SETTLE_MS = 1000;
const loadAtStart = loadavg()[0]!;
const targets = servers.map((kind) => new Target(kind, kind === 'mend' ? instances : 1));
for (const target of targets) await target.start();
process.stderr.write(`warming up ${warmupS} s, then measuring ${durationS} s per server in ${SLICE_MS / 1000} s turns…\n`);
for (const target of targets) {
  target.startEditing();
  await sleep((warmupS * 1000) / targets.length);
  target.stopEditing();
}
await sleep(SETTLE_MS);
const slices = Math.max(1, Math.round((durationS * 1000) / SLICE_MS));
for (let slice = 0; slice < slices; slice++) {
  const order = slice % 2 === 0 ? targets : [...targets].reverse();
  for (const target of order) {
    target.startEditing();
    await sleep(LEAD_IN_MS);
    target.startMeasuring();
    await sleep(SLICE_MS);
    target.stopMeasuring();
    target.stopEditing();
    // 2,000 Y.Docs make a large heap here, and a full collection stalls every client for 100-200 ms,
    // which is no server's doing but lands on whichever server is being measured. Collect now, while
    // no one is, so that it rarely happens mid-turn (the table shows the longest pause in a turn).
    (globalThis as { gc?: () => void }).gc?.();
    await sleep(SETTLE_MS);
  }
}
// Let the last edits land and the servers settle: the documents are now loaded and idle.
await sleep(2000);
const results: Partial<Record<'mend' | 'reference', Figures>> = {};
for (const target of targets) results[target.kind] = await target.finish();


const rows: Array<[string, (f: Figures) => string]> = [
  ['database', (f) => f.database],
  ['propagation p50 (ms)', (f) => String(f.p50_ms)],
  ['propagation p95 (ms)', (f) => String(f.p95_ms)],
  ['propagation p99 (ms)', (f) => String(f.p99_ms)],
  ['propagation max (ms)', (f) => String(f.max_ms)],
  ['edits sent / s', (f) => String(f.sent_per_s)],
  ['edits delivered / s', (f) => String(f.edits_per_s)],
  ['RSS per loaded idle doc (KB)', (f) => String(f.rss_per_doc_kb)],
  ['persistence lag p50 (ms)', (f) => (f.persist_p50_ms === undefined ? '-' : String(f.persist_p50_ms))],
  ['server CPU (ms per s)', (f) => String(f.cpu_ms_per_s)],
  ['server loop delay p99/max (ms)', (f) => `${f.loop_delay.p99}/${f.loop_delay.max}`],
  ['client loop delay p99/max (ms)', (f) => `${f.client_loop_delay.p99}/${f.client_loop_delay.max}`],
  ['server / client GC pause max (ms)', (f) => `${f.loop_delay.gcMax}/${f.client_loop_delay.gcMax}`],
  ['persistence lag p99 (ms)', (f) => (f.persist_p99_ms === undefined ? '-' : String(f.persist_p99_ms))],
  ...(instances > 1
    ? ([
        ['cross-instance p50 (ms)', (f) => (f.cross ? String(f.cross.p50_ms) : '-')],
        ['cross-instance p95 (ms)', (f) => (f.cross ? String(f.cross.p95_ms) : '-')],
        ['cross-instance p99 (ms)', (f) => (f.cross ? String(f.cross.p99_ms) : '-')],
        ['cross-instance max (ms)', (f) => (f.cross ? String(f.cross.max_ms) : '-')],
        ['cross-instance delivered / s', (f) => (f.cross ? String(f.cross.edits_per_s) : '-')],
      ] satisfies Array<[string, (f: Figures) => string]>)
    : []),
];
console.log(`\nRealtime benchmark: ${docCount} documents, ${docCount * 2} clients, ${ratePerClient} edits/s per client, ${durationS} s measured per server`);
// Other work on the machine shows up in every latency here; the load average says how much there was.
console.log(`Machine load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores\n`);
const header = ['', ...servers].map((cell, i) => (i === 0 ? cell.padEnd(32) : cell.padStart(14))).join('');
console.log(header);
for (const [label, value] of rows) console.log([label.padEnd(32), ...servers.map((kind) => value(results[kind]!).padStart(14))].join(''));
const mend = results.mend;
const reference = results.reference;
if (mend && reference) {
  console.log(`${'ratio p50 (mend / reference)'.padEnd(32)}${String(round(mend.p50_ms / reference.p50_ms)).padStart(14)}`);
  console.log(`${'ratio p99 (mend / reference)'.padEnd(32)}${String(round(mend.p99_ms / reference.p99_ms)).padStart(14)}`);
}
if (mend?.cross) console.log(`${'ratio p99 (cross / same inst.)'.padEnd(32)}${String(round(mend.cross.p99_ms / mend.p99_ms)).padStart(14)}`);
console.log('');
const pick = (f: Figures | undefined, withPersist: boolean) =>
  f && {
    p50_ms: f.p50_ms,
    p95_ms: f.p95_ms,
    p99_ms: f.p99_ms,
    edits_per_s: f.edits_per_s,
    rss_per_doc_kb: f.rss_per_doc_kb,
    ...(withPersist ? { persist_p50_ms: f.persist_p50_ms, persist_p99_ms: f.persist_p99_ms } : {}),
  };
console.log(
  JSON.stringify({
    bench: 'realtime',
    docs: docCount,
    clients: docCount * 2,
    mend: pick(mend, true) ?? null,
    reference: pick(reference, false) ?? null,
    ratio_p50: mend && reference ? round(mend.p50_ms / reference.p50_ms) : null,
    ratio_p99: mend && reference ? round(mend.p99_ms / reference.p99_ms) : null,
    // --instances 2: pairs split across the two instances; "mend" above is then the pairs on one instance of the same cluster.
    cross_instance: mend?.cross ? { ...mend.cross, ratio_p99_over_same: round(mend.cross.p99_ms / mend.p99_ms) } : null,
    instances,
    server_cpu_ms_per_s: { mend: mend?.cpu_ms_per_s ?? null, reference: reference?.cpu_ms_per_s ?? null },
    load: { start: round(loadAtStart), end: round(loadavg()[0]!) },
  }),
);
process.exit(0);
