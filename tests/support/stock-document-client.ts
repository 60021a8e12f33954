/**
 * A stock y-websocket client (the browser's WebsocketProvider, unmodified) for the integration tests:
 * Node's ws as its WebSocket, no BroadcastChannel (tests share a process), quick reconnects.
 */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface StockDocumentClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  /** The terminal close (4400-4499), if the server refused or closed us for good. */
  closed: Promise<{ code: number; reason: string }>;
  synced: Promise<void>;
  destroy(): void;
}

export function connectStockDocument(wsOrigin: string, documentId: string, token: string): StockDocumentClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsOrigin}/realtime/yjs`, documentId, doc, {
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
