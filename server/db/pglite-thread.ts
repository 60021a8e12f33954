/**
 * Embedded PGlite on a thread of its own. PGlite executes SQL synchronously (WebAssembly) on the
 * thread that owns it: in the server's own thread, every write of the realtime log and every query
 * held the event loop, so every open document waited for it (a batch of keystroke rows took 10 ms
 * and more). Here PGlite lives in a worker thread (pglite-thread-worker.mjs) and this client sends
 * it each statement; the server's thread only builds queries and reads results.
 *
 * It offers what Drizzle's PGlite driver uses (query, interactive transactions) plus LISTEN, with
 * the same results: the worker's PGlite is set up to return values exactly as Drizzle asks for them.
 */
import { Worker } from 'node:worker_threads';

type Row = Record<string, unknown> | unknown[];

export interface ThreadResults {
  rows: Row[];
  fields: Array<{ name: string; dataTypeID: number }>;
  affectedRows?: number;
}

interface QueryOptions {
  rowMode?: 'array' | 'object';
  /** Accepted for Drizzle's sake: its parsers keep timestamps as text, which the worker already does. */
  parsers?: unknown;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** A database error as the worker describes it, with the fields callers test (SQLSTATE code, constraint). */
class ThreadDatabaseError extends Error {
  code?: string;
  constraint?: string;
  detail?: string;
  constructor(fields: { message: string; [key: string]: string | undefined }) {
    super(fields.message);
    Object.assign(this, fields);
    this.name = 'DatabaseError';
  }
}

export class PgliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<number, (payload: string) => void>();
  private nextId = 1;
  private failure: Error | null = null;
  readonly waitReady: Promise<void>;

  constructor(dataDir: string | null) {
    this.worker = new Worker(new URL('./pglite-thread-worker.mjs', import.meta.url), { workerData: { dataDir } });
    this.worker.on('message', (message: { id?: number; result?: unknown; error?: { message: string }; notify?: number; payload?: string }) => {
      if (message.notify !== undefined) {
        this.listeners.get(message.notify)?.(message.payload ?? '');
        return;
      }
      const waiting = this.pending.get(message.id!);
      if (!waiting) return;
      this.pending.delete(message.id!);
      if (message.error) waiting.reject(new ThreadDatabaseError(message.error));
      else waiting.resolve(message.result);
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', (error) => fail(new Error(`The embedded database stopped: ${error.message}`, { cause: error })));
    this.worker.on('exit', (code) => fail(new Error(`The embedded database's thread ended (exit code ${code})`)));
    this.waitReady = this.request<void>({ op: 'ready' });
  }

  private request<T>(message: Record<string, unknown>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        // The thread keeps the process alive only while a statement is under way, as PGlite in
        // the same thread never did at all: an idle open database does not hold a process open.
        if (this.pending.size === 0) this.worker.unref();
      };
      this.pending.set(id, {
        resolve: (value) => {
          resolve(value as T);
          settle();
        },
        reject: (error) => {
          reject(error);
          settle();
        },
      });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ ...message, id });
    });
  }

  query(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<ThreadResults> {
    return this.request({ op: 'query', sql, params, rowMode: options.rowMode });
  }

  exec(sql: string): Promise<ThreadResults[]> {
    return this.request({ op: 'exec', sql });
  }

  /** Runs `callback` in one transaction (BEGIN … COMMIT, ROLLBACK when it throws); the database is its own meanwhile. */
  async transaction<T>(callback: (tx: { query: PgliteThread['query'] }) => Promise<T>): Promise<T> {
    const tx = this.nextId++;
    await this.request({ op: 'begin', tx });
    let result: T;
    try {
      result = await callback({ query: (sql, params = [], options = {}) => this.request({ op: 'txQuery', tx, sql, params, rowMode: options.rowMode }) });
    } catch (error) {
      await this.request({ op: 'end', tx, commit: false });
      throw error;
    }
    await this.request({ op: 'end', tx, commit: true });
    return result;
  }

  /** LISTEN on a channel; resolves once listening, with a function that stops it. */
  async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
    const listener = this.nextId++;
    this.listeners.set(listener, callback);
    try {
      await this.request({ op: 'listen', channel, listener });
    } catch (error) {
      this.listeners.delete(listener);
      throw error;
    }
    return async () => {
      this.listeners.delete(listener);
      await this.request({ op: 'unlisten', listener });
    };
  }

  async close(): Promise<void> {
    if (!this.failure) await this.request({ op: 'close' });
    await this.worker.terminate();
  }
}
