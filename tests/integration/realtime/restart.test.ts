/**
 * Durability across real process restarts: Mend runs as its own process (server/main.ts with
 * MEND_WEB=off, so no Next build), is stopped with SIGTERM or killed with SIGKILL, and a new process
 * serves the same database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, DatabaseKind } from '../../../server/db/database';
import { openPglite, openPostgres } from '../../../server/db/open-database';
import { makeCouple } from '../../support/fixtures';
import { startMendProcess, type MendProcess } from '../../support/mend-process';
import { createTestDatabaseUrl, testDatabaseKinds } from '../../support/test-database';
import { connectClient, documentToken, makeDocument, sleep, testSecret, waitFor, type TestClient } from './realtime-harness';

describe.each(testDatabaseKinds())('restarts on %s', (kind: DatabaseKind) => {
  let dataDir: string;
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  let people: { alexId: string; samId: string; spaceId: string };
  const clients: TestClient[] = [];
  let running: MendProcess | undefined;

  async function openDatabase(): Promise<DatabaseHandle> {
    return kind === 'pglite' ? openPglite(dataDir) : openPostgres(databaseUrl!, { max: 2 });
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mend-restart-'));
    if (kind === 'postgres') {
      const created = await createTestDatabaseUrl();
      databaseUrl = created.url;
      dropDatabase = created.drop;
    }
    const handle = await openDatabase();
    const couple = await makeCouple(handle.db);
    people = { alexId: couple.alex.id, samId: couple.sam.id, spaceId: couple.space.id };
    await handle.close();
    // Opening the embedded database and migrating it takes a minute on a busy machine.
  }, 180_000);

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await running?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase?.();
  });

  async function start(): Promise<MendProcess> {
    running = await startMendProcess({ dataDir, databaseUrl, env: { MEND_WEB: 'off', AUTH_SECRET: testSecret }, timeoutMs: 60_000 });
    return running;
  }

  async function newDocument(): Promise<string> {
    // The server process owns an embedded database exclusively, so documents are made before it starts.
    const handle = await openDatabase();
    try {
      return await makeDocument(handle.db, { spaceId: people.spaceId, createdBy: people.alexId });
    } finally {
      await handle.close();
    }
  }

  async function connect(server: MendProcess, userId: string, documentId: string): Promise<TestClient> {
    const client = connectClient(server.url.replace('http', 'ws'), documentId, await documentToken(userId, documentId));
    clients.push(client);
    await client.synced;
    return client;
  }

  async function writeAndSee(server: MendProcess, documentId: string): Promise<string> {
    const writer = await connect(server, people.alexId, documentId);
    const reader = await connect(server, people.samId, documentId);
    for (let i = 0; i < 50; i++) writer.text.insert(writer.text.length, `word${i} `);
    writer.text.delete(0, 6);
    // The partner has it: the server applied every edit.
    await waitFor(() => reader.text.toString() === writer.text.toString(), 10_000, 'partner to see every edit');
    return writer.text.toString();
  }

  async function contentAfterRestart(documentId: string): Promise<string> {
    const server = await start();
    const client = await connect(server, people.samId, documentId);
    await sleep(100);
    const text = client.text.toString();
    client.destroy();
    await server.stop('SIGTERM');
    running = undefined;
    return text;
  }

  it('SIGTERM right after the last edit saves everything: a new process serves identical content', async () => {
    const documentId = await newDocument();
    const server = await start();
    const written = await writeAndSee(server, documentId);
    expect(await server.stop('SIGTERM')).toBe(0);
    running = undefined;
    expect(server.output()).toContain('SIGTERM: saving everything');
    for (const client of clients.splice(0)) client.destroy();
    expect(await contentAfterRestart(documentId)).toBe(written);
    // Two process starts: under a busy machine each can take tens of seconds.
  }, 120_000);

  it('kill -9 after the flush window loses nothing', async () => {
    const documentId = await newDocument();
    const server = await start();
    const written = await writeAndSee(server, documentId);
    await sleep(1000);
    await server.stop('SIGKILL');
    running = undefined;
    for (const client of clients.splice(0)) client.destroy();
    expect(await contentAfterRestart(documentId)).toBe(written);
  }, 120_000);
});
