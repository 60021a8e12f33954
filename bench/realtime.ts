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
  },
});
const docCount = positive(values.docs, 'docs');
const ratePerClient = positive(values.rate, 'rate');
const durationS = positive(values.duration, 'duration');
const warmupS = Number(values.warmup);
const servers = values.servers.split(',').filter((s): s is 'mend' | 'reference' => s === 'mend' || s === 'reference');

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
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

function startServer(kind: 'mend' | 'reference'): { child: ChildProcess; next: <T extends ServerMessage['type']>(type: T) => Promise<Extract<ServerMessage, { type: T }>> } {
  const child = fork(path.join(here, 'realtime-server.ts'), [kind, String(docCount)], {
    // BENCH_CPU_PROFILE=dir writes a .cpuprofile of the server process there (for finding hot spots).
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
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
  private readonly sentAt = new Map<string, number>();
  private readonly clients: Client[] = [];
  private measuring = false;
  private measuredMs = 0;
  private measureStartedAt = 0;
  private sent = 0;
  // The clients' own event loop is part of every latency measured here; this shows how much.
  private readonly clientLoop = new LoopDelaySampler();
  private server!: ReturnType<typeof startServer>;
  database = '';

  constructor(readonly kind: 'mend' | 'reference') {}

  async start(): Promise<void> {
    this.server = startServer(this.kind);
    const ready = await this.server.next('ready');
    this.database = ready.database;
    const origin = `ws://127.0.0.1:${ready.port}/realtime/yjs`;
    process.stderr.write(`${this.kind}: server ready (${ready.database}), connecting ${docCount * 2} clients…\n`);
    for (let start = 0; start < ready.documents.length; start += 50) {
      const batch: Client[] = [];
      for (const document of ready.documents.slice(start, start + 50)) {
        batch.push(this.connect(origin, document.id, document.tokens[0]), this.connect(origin, document.id, document.tokens[1]));
      }
      await Promise.all(batch.map((client) => new Promise<void>((resolve) => (client.provider.synced ? resolve() : client.provider.once('sync', () => resolve())))));
      this.clients.push(...batch);
    }
    process.stderr.write(`${this.kind}: ${this.clients.length} clients synced\n`);
  }

  private connect(origin: string, documentId: string, token: string): Client {
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
          if (id.startsWith('m')) this.latencies.push(now - at);
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
    this.server.child.send({ type: 'measure-start' });
  }

  stopMeasuring(): void {
    this.measuring = false;
    this.measuredMs += performance.now() - this.measureStartedAt;
    this.clientLoop.stop();
    this.server.child.send({ type: 'measure-stop' });
  }

  async finish(): Promise<Figures> {
    this.server.child.send({ type: 'stats' });
    const stats = await this.server.next('stats');
    for (const client of this.clients) {
      client.provider.awareness.destroy();
      client.provider.destroy();
      client.doc.destroy();
    }
    this.server.child.send({ type: 'exit' });
    await new Promise((resolve) => this.server.child.once('exit', resolve));
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
const targets = servers.map((kind) => new Target(kind));
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
  }),
);
process.exit(0);
