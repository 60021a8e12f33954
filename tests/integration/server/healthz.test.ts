import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../server/db/database';
import { startMendServer, type MendServer } from '../../../server/http-server';
import { createTestDatabase, testDatabaseKinds } from '../../support/test-database';

describe.each(testDatabaseKinds())('GET /healthz on %s', (kind) => {
  let database: DatabaseHandle;
  let server: MendServer;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    server = await startMendServer({ database, authSecret: 'x'.repeat(40), port: 0, host: '127.0.0.1', log: () => {} });
  });
  afterAll(async () => {
    await server?.close();
    await database?.close().catch(() => {});
  });

  it('answers 200 with the database kind while the database is reachable', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: { kind, reachable: true } });
  });

  it('answers 503 when the database is not reachable', async () => {
    await database.close();
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', database: { kind, reachable: false } });
  });
});
