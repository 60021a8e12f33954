/**
 * Real databases for integration tests: always embedded PGlite, and PostgreSQL too when
 * TEST_DATABASE_URL (or DATABASE_URL) points at a server. Each call gets a fresh, migrated database
 * of its own (an in-memory PGlite, or a new PostgreSQL database dropped on close), so tests never
 * share state and leave nothing behind.
 *
 *   describe.each(testDatabaseKinds())('on %s', (kind) => {
 *     const t = useTestDatabase(kind);   // from ./use-test-database
 *     it('…', async () => { await doSomething(t.db); });
 *   });
 */
import { randomBytes } from 'node:crypto';
import type { Database, DatabaseHandle, DatabaseKind } from '../../server/db/database';
import { openPglite, openPostgres } from '../../server/db/open-database';

export function postgresAdminUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export function testDatabaseKinds(): DatabaseKind[] {
  return postgresAdminUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

/** A new, empty PostgreSQL database on the test server; `drop()` removes it. */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = postgresAdminUrl();
  if (!adminUrl) throw new Error('PostgreSQL tests need TEST_DATABASE_URL');
  const name = `mend_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end({ timeout: 5 });
      }
    },
  };
}

export async function createTestDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') return openPglite(null);
  const database = await createTestDatabaseUrl();
  const handle = await openPostgres(database.url, { max: 10 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}

