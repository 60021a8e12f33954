/**
 * Stock clients against the instances of a cluster (mend-cluster.ts): socket.io-client and the
 * y-websocket provider, with tokens signed by the cluster's shared AUTH_SECRET.
 */
import { io } from 'socket.io-client';
import { issueRealtimeToken } from '../../server/auth/realtime-token';
import { LIVE_NAMESPACE, LIVE_SOCKET_PATH } from '../../server/realtime/socket-io/live-protocol';
import type { RecordingClient } from './live-clients';
import { connectStockDocument, type StockDocumentClient } from './stock-document-client';

export async function socketToken(secret: string, userId: string, sessionId?: string): Promise<string> {
  return (await issueRealtimeToken(secret, { userId, sessionId, scope: { kind: 'socket' } })).token;
}

export async function documentTokenFor(secret: string, userId: string, documentId: string, sessionId?: string): Promise<string> {
  return (await issueRealtimeToken(secret, { userId, sessionId, scope: { kind: 'document', documentId } })).token;
}

export interface ClusterSocket extends RecordingClient {
  /** Resolves with the reason when the socket disconnects. */
  disconnected: Promise<string>;
}

/** A stock socket.io client on one instance (WebSocket, no reconnection); rejects with the connect_error. */
export async function connectSocket(url: string, token: string): Promise<ClusterSocket> {
  const received: RecordingClient['received'] = [];
  const wire: string[] = [];
  const socket = io(`${url}${LIVE_NAMESPACE}`, { path: LIVE_SOCKET_PATH, transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
  socket.onAny((event: string, ...args: unknown[]) => received.push({ event, args }));
  socket.io.on('open', () => socket.io.engine.on('data', (data: unknown) => wire.push(typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer).toString('utf8'))));
  const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return { socket, received, wire, close: () => socket.close(), disconnected };
}

export type ClusterDocClient = StockDocumentClient;

/** A stock y-websocket client on one instance (or a front). */
export function connectDocument(url: string, documentId: string, token: string): ClusterDocClient {
  return connectStockDocument(url.replace(/^http/, 'ws'), documentId, token);
}

/** Resolves with the value, or rejects after ms saying what was awaited. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
