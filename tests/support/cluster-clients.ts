/**
 * Stock clients against the instances of a cluster (mend-cluster.ts): socket.io-client and the
 * y-websocket provider, with tokens signed by the cluster's shared AUTH_SECRET.
 */
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { issueRealtimeToken } from '../../server/auth/realtime-token';
import { LIVE_NAMESPACE, LIVE_SOCKET_PATH } from '../../server/realtime/socket-io/live-protocol';
import type { RecordingClient } from './live-clients';

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

export interface ClusterDocClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  /** The terminal close (4400-4499), if the server refused or closed the connection for good. */
  closed: Promise<{ code: number; reason: string }>;
  synced: Promise<void>;
  destroy(): void;
}

/** A stock y-websocket client on one instance (or a front); `token` may be a function for reconnects. */
export function connectDocument(url: string, documentId: string, token: string): ClusterDocClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/realtime/yjs`, documentId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => provider.on('closed', (event) => resolve({ code: event.code, reason: event.reason })));
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    text: doc.getText('body'),
    closed,
    synced,
    destroy() {
      provider.awareness.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
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
