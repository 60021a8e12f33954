/**
 * socket.io clients for integration tests: a real Mend server on port 0 (no Next) and clients that
 * authenticate with real realtime tokens, recording every packet they receive.
 */
import { io, type Socket } from 'socket.io-client';
import type { DatabaseHandle } from '../../server/db/database';
import { issueRealtimeToken } from '../../server/auth/realtime-token';
import { startMendServer, type MendServer } from '../../server/http-server';
import { LIVE_NAMESPACE, LIVE_SOCKET_PATH } from '../../server/realtime/socket-io/live-protocol';
import type { RealtimeServiceFactory } from '../../server/realtime/realtime-service';

export const TEST_AUTH_SECRET = 'integration-test-secret-that-is-long-enough';

export async function startLiveServer(database: DatabaseHandle, realtime: RealtimeServiceFactory[]): Promise<MendServer> {
  return startMendServer({ database, authSecret: TEST_AUTH_SECRET, port: 0, host: '127.0.0.1', realtime, log: () => {} });
}

export interface RecordingClient {
  socket: Socket;
  /** Every event this client received, in order, with its arguments, as they came off the wire. */
  received: { event: string; args: unknown[] }[];
  /** Every raw engine.io frame that reached this client, undecoded: what actually crossed the wire. */
  wire: string[];
  close(): void;
}

export async function socketTokenFor(userId: string): Promise<string> {
  return (await issueRealtimeToken(TEST_AUTH_SECRET, { userId, scope: { kind: 'socket' } })).token;
}

/** Connects with a fresh token on every (re)connect; resolves once connected, rejects with the connect_error. */
export async function connectLiveClient(
  server: MendServer,
  userId: string | { token: string },
  options: { transports?: ('websocket' | 'polling')[] } = {},
): Promise<RecordingClient> {
  const received: RecordingClient['received'] = [];
  const wire: string[] = [];
  const socket = io(`${server.url}${LIVE_NAMESPACE}`, {
    path: LIVE_SOCKET_PATH,
    transports: options.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: (send) => {
      if (typeof userId === 'string') void socketTokenFor(userId).then((token) => send({ token }));
      else send({ token: userId.token });
    },
  });
  socket.onAny((event: string, ...args: unknown[]) => received.push({ event, args }));
  socket.io.on('open', () => socket.io.engine.on('data', (data: unknown) => wire.push(typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer).toString('utf8'))));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return { socket, received, wire, close: () => socket.close() };
}

/** Waits until `predicate` holds for a received event (already received ones count). */
export async function waitForEvent(client: RecordingClient, event: string, predicate: (payload: never) => boolean = () => true, timeoutMs = 5000): Promise<unknown> {
  const started = Date.now();
  for (;;) {
    const hit = client.received.find((entry) => entry.event === event && predicate(entry.args[0] as never));
    if (hit) return hit.args[0];
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${event}; got ${client.received.map((e) => e.event).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
