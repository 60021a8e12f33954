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

export async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(path.join(dataDir, 'pglite')) : new PGlite();
  await client.waitReady;
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder });
  return {
    kind: 'pglite',
    db: db as unknown as Database,
    location: dataDir ? path.join(dataDir, 'pglite') : 'memory',
    close: () => client.close(),
  };
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DatabaseHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder });
  const parsed = new URL(url);
  return {
    kind: 'postgres',
    db: db as unknown as Database,
    location: `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`,
    close: () => client.end({ timeout: 5 }),
  };
}

