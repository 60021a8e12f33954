/**
 * Helpers for realtime integration tests: a real Mend HTTP server on port 0 with the document rooms
 * (no Next), documents made directly in the database, tokens, stock y-websocket clients in Node and
 * a raw `ws` client that records every byte it receives.
 */
import { afterAll, beforeAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import { documents, type DocumentKind } from '../../../drizzle/schema';
import { issueRealtimeToken } from '../../../server/auth/realtime-token';
import type { Database, DatabaseHandle } from '../../../server/db/database';
import { startMendServer, type MendServer } from '../../../server/http-server';
import { WebSocket } from 'ws';
import { connectStockDocument, type StockDocumentClient } from '../../support/stock-document-client';
import { createYjsService, type YjsServiceOptions } from '../../../server/realtime/yjs/yjs-service';

export const testSecret = randomBytes(32).toString('base64url');

export interface RealtimeTestServer {
  server: MendServer;
  wsOrigin: string;
  logs: string[];
  close(): Promise<void>;
}

export async function startRealtimeServer(database: DatabaseHandle, options: YjsServiceOptions = {}): Promise<RealtimeTestServer> {
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const server = await startMendServer({
    database,
    authSecret: testSecret,
    port: 0,
    host: '127.0.0.1',
    realtime: [createYjsService({ log, ...options })],
    log,
  });
  return { server, wsOrigin: `ws://127.0.0.1:${server.port}`, logs, close: () => server.close() };
}

/**
 * A realtime server for one describe block on its test database: started before the block's tests,
 * closed after them together with every client the tests put in `clients`.
 */
export function useRealtimeServer(t: { readonly handle: DatabaseHandle }, options: YjsServiceOptions = {}) {
  let started: RealtimeTestServer | undefined;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    started = await startRealtimeServer(t.handle, options);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await started?.close();
  });
  const server = (): RealtimeTestServer => {
    if (!started) throw new Error('the realtime server starts in beforeAll: use it inside a test');
    return started;
  };
  return {
    clients,
    get wsOrigin(): string {
      return server().wsOrigin;
    },
    get logs(): string[] {
      return server().logs;
    },
  };
}

export async function makeDocument(
  db: Database,
  input: { spaceId: string; createdBy: string; kind?: DocumentKind; ownerId?: string | null; archived?: boolean },
): Promise<string> {
  const [row] = await db
    .insert(documents)
    .values({
      spaceId: input.spaceId,
      kind: input.kind ?? 'agreement',
      ownerId: input.ownerId ?? null,
      title: 'Phone and privacy',
      createdBy: input.createdBy,
      archivedAt: input.archived ? new Date() : null,
    })
    .returning({ id: documents.id });
  return row!.id;
}

export async function documentToken(userId: string, documentId: string, now = new Date()): Promise<string> {
  return (await issueRealtimeToken(testSecret, { userId, scope: { kind: 'document', documentId } }, now)).token;
}

export type TestClient = StockDocumentClient;
export const connectClient = connectStockDocument;

export interface RawClient {
  socket: WebSocket;
  received: Buffer[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

/** A plain `ws` client: what a hostile or broken client would use. Records every byte it receives. */
export function connectRaw(wsOrigin: string, documentId: string, token?: string | null): RawClient {
  const query = token === undefined || token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(`${wsOrigin}/realtime/yjs/${documentId}${query}`);
  const received: Buffer[] = [];
  socket.on('message', (data) => received.push(data as Buffer));
  socket.on('error', () => {});
  const opened = new Promise<void>((resolve) => socket.once('open', () => resolve()));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { socket, received, opened, closed };
}

export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
