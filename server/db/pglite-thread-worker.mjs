/**
 * The embedded database's own thread (see pglite-thread.ts): PGlite runs here, so its SQL (WASM)
 * and the wire protocol never hold the server's event loop. Plain JavaScript, so that it loads the
 * same way under the server, the tests and the benchmark.
 *
 * Requests: { id, op, ... } answered with { id, result } or { id, error }; notifications on a
 * LISTEN channel arrive as { notify: channel, payload }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';

const BYTEA_OID = 17;
const same = (value) => value;

/**
 * Values the main thread can use as they are. Timestamps, dates and intervals stay text, exactly as
 * Drizzle asks PGlite for them on every query (it converts them itself); bytea goes through
 * Buffer's hex codec, far faster than PGlite's own.
 */
const parsers = {
  [types.TIMESTAMP]: same,
  [types.TIMESTAMPTZ]: same,
  [types.INTERVAL]: same,
  [types.DATE]: same,
  1231: same, // numeric[]
  1115: same, // timestamp[]
  1185: same, // timestamptz[]
  1187: same, // interval[]
  1182: same, // date[]
  [BYTEA_OID]: (text) => new Uint8Array(Buffer.from(text.slice(2), 'hex')),
};
const serializers = {
  [BYTEA_OID]: (value) => {
    if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
    return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  },
};

const pg = workerData.dataDir ? new PGlite(workerData.dataDir, { parsers, serializers }) : new PGlite({ parsers, serializers });

/** Open transactions: id -> { tx, finish(commit) }. */
const transactions = new Map();
/** LISTEN registrations: id -> unlisten. */
const listeners = new Map();

function plainError(error) {
  // What callers look at (SQLSTATE code, constraint, detail), as plain data that crosses threads.
  const out = { message: String(error?.message ?? error) };
  for (const key of ['code', 'constraint', 'detail', 'hint', 'severity', 'table', 'column', 'schema', 'routine']) {
    if (error && error[key] !== undefined) out[key] = String(error[key]);
  }
  return out;
}

function resultOf(result) {
  return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
}

async function handle(message) {
  switch (message.op) {
    case 'ready':
      await pg.waitReady;
      return null;
    case 'query':
      return resultOf(await pg.query(message.sql, message.params, { rowMode: message.rowMode }));
    case 'exec':
      return (await pg.exec(message.sql)).map(resultOf);
    case 'begin': {
      // Answered from inside the transaction, once it holds the database; the transaction then
      // waits for 'end' while the main thread runs its statements through 'txQuery'.
      return new Promise((resolve, reject) => {
        const done = pg.transaction(
          (tx) =>
            new Promise((finish, abort) => {
              transactions.set(message.tx, { tx, finish, abort });
              resolve(null);
            }),
        );
        done.then(
          () => transactions.get(message.tx)?.ended?.resolve(null),
          (error) => {
            const entry = transactions.get(message.tx);
            if (entry?.ended) entry.ended.reject(error);
            else reject(error);
          },
        ).finally(() => transactions.delete(message.tx));
      });
    }
    case 'txQuery': {
      const entry = transactions.get(message.tx);
      if (!entry) throw new Error('Transaction is closed');
      return resultOf(await entry.tx.query(message.sql, message.params, { rowMode: message.rowMode }));
    }
    case 'end': {
      const entry = transactions.get(message.tx);
      if (!entry) throw new Error('Transaction is closed');
      return new Promise((resolve, reject) => {
        entry.ended = { resolve, reject };
        if (message.commit) entry.finish();
        else entry.abort(new Error('rolled back'));
      }).catch((error) => {
        if (!message.commit) return null; // the rollback the caller asked for
        throw error;
      });
    }
    case 'listen': {
      const unlisten = await pg.listen(message.channel, (payload) => parentPort.postMessage({ notify: message.listener, payload }));
      listeners.set(message.listener, unlisten);
      return null;
    }
    case 'unlisten': {
      const unlisten = listeners.get(message.listener);
      listeners.delete(message.listener);
      if (unlisten) await unlisten();
      return null;
    }
    case 'close':
      await pg.close();
      return null;
    default:
      throw new Error(`Unknown database request ${message.op}`);
  }
}

parentPort.on('message', (message) => {
  handle(message).then(
    (result) => parentPort.postMessage({ id: message.id, result }),
    (error) => parentPort.postMessage({ id: message.id, error: plainError(error) }),
  );
});
