/**
 * Opening the database: embedded PGlite (the zero-config default) or PostgreSQL through postgres.js.
 * Both get the same schema and the same committed migrations, applied on open.
 * Only the server entry, scripts and tests import this; pages use the process's handle.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from '../../drizzle/schema';
import type { Database, DatabaseHandle } from './database';

export const migrationsFolder = fileURLToPath(new URL('../../drizzle/migrations', import.meta.url));

const BYTEA_OID = 17;

/**
 * PGlite's own bytea conversion goes byte by byte through strings (about 10 ms each way for a
 * 90 KB document snapshot, on the event loop); Buffer's hex codec does the same in well under 1 ms.
 * Every update and snapshot the server writes or reads passes through these two.
 */
export function serializeBytea(value: Uint8Array): string {
  if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
}

export function parseBytea(text: string): Uint8Array {
  // Copied into a plain Uint8Array of its own, as PGlite returns: small Buffers share a pool.
  return new Uint8Array(Buffer.from(text.slice(2), 'hex'));
}

/**
 * `thread` (the default): PGlite runs in a worker thread of its own (pglite-thread.ts), so SQL never
 * holds this thread's event loop. `thread: false` runs it in this thread, for comparison.
 */
export async function openPglite(dataDir: string | null, options: { thread?: boolean } = {}): Promise<DatabaseHandle> {
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const location = dataDir ? path.join(dataDir, 'pglite') : null;
  let client: { close(): Promise<void> };
  if (options.thread ?? true) {
    const { PgliteThread } = await import('./pglite-thread');
    const thread = new PgliteThread(location);
    await thread.waitReady;
    client = thread;
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const conversions = { parsers: { [BYTEA_OID]: parseBytea }, serializers: { [BYTEA_OID]: serializeBytea } };
    const pglite = location ? new PGlite(location, conversions) : new PGlite(conversions);
    await pglite.waitReady;
    client = pglite;
  }
  // The thread client offers the part of PGlite's interface the driver uses (query, transaction).
  const db = drizzle({ client: client as never, schema });
  try {
    await migrate(db, { migrationsFolder });
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    kind: 'pglite',
    db: db as unknown as Database,
    location: location ?? 'memory',
    close: () => client.close(),
  };
}

/** Any fixed number; it names Mend's migration lock among the database's advisory locks. */
const MIGRATION_LOCK_KEY = 7_240_412_001;

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DatabaseHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const db = drizzle({ client, schema });
  // Several instances may start at once on one database: one applies the migrations, the others
  // wait for it (a session-level advisory lock on one reserved connection) and then find them applied.
  const lock = await client.reserve();
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY}::bigint)`;
    try {
      await migrate(db, { migrationsFolder });
    } finally {
      await lock`select pg_advisory_unlock(${MIGRATION_LOCK_KEY}::bigint)`.catch(() => undefined);
    }
  } finally {
    lock.release();
  }
  const parsed = new URL(url);
  return {
    kind: 'postgres',
    db: db as unknown as Database,
    location: `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`,
    close: () => client.end({ timeout: 5 }),
  };
}

