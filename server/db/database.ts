/**
 * The database types shared by all of Mend, and the few helpers that hide driver differences.
 * Opening a database is in open-database.ts (server entry and tests only; never bundled into pages).
 */
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from '../../drizzle/schema';

export type Schema = typeof schema;
/** The common base of the PGlite and postgres.js Drizzle databases: domain code takes this. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A database or an open transaction: domain functions that may run inside a caller's transaction take this. */
export type Executor = Parameters<Parameters<Database['transaction']>[0]>[0] | Database;

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Database;
  /** Where the data lives, for logs: a directory for PGlite, the host/database for PostgreSQL. */
  location: string;
  close(): Promise<void>;
}

/** Raw SQL results differ by driver (`{ rows }` on PGlite, an array on postgres.js); this is the one place that knows. */
export async function queryRows<T extends Record<string, unknown>>(db: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/** True when `error` is a unique-constraint violation (SQLSTATE 23505) from either driver. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = findPgError(error);
  if (!e || e.code !== '23505') return false;
  return constraint ? e.constraint === constraint || (e.constraint_name ?? '') === constraint || String(e.message).includes(constraint) : true;
}

function findPgError(error: unknown): { code?: string; constraint?: string; constraint_name?: string; message?: string } | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate as never;
    current = candidate.cause;
  }
  return null;
}
