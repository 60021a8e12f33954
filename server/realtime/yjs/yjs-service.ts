/**
 * The document rooms on Mend's HTTP server: `/realtime/yjs/<documentId>?token=…`, the standard
 * y-websocket protocol, so the stock WebsocketProvider works unmodified:
 *
 *   new WebsocketProvider(`${wsOrigin}/realtime/yjs`, documentId, doc, { params: { token } })
 *
 * The token comes from GET /api/realtime/token?documentId=… (5 minutes). Close codes (close-codes.ts):
 * 4401 not signed in / expired token (fetch a new one and reconnect), 4403 not allowed, 4404 no such
 * document, 4413 too large, 4429 too many messages, 1007 malformed frame, 1013 load failed (retry),
 * 1012 server restarting (retry). See docs/realtime.md.
 *
 * This file is transport only: the door (document-door.ts) decides access, a DocumentRoom owns each
 * loaded document, the PersistenceScheduler and document-store.ts make changes durable.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { onMembershipRevoked } from '../../events/membership-events';
import type { RealtimeService, RealtimeServiceFactory } from '../realtime-service';
import { CloseCode } from './close-codes';
import { openDocumentDoor } from './document-door';
import { DocumentRoom, type RoomDependencies } from './document-room';
import { writeBatch } from './document-store';
import { readRealtimeLimits, type RealtimeLimits } from './limits';
import { defaultPersistenceTiming, PersistenceScheduler, type PersistenceObserver, type PersistenceTiming } from './persistence-scheduler';
import { openRoomSlot } from './room-registry';
import { RoomConnection } from './room-connection';

export const YJS_PATH = '/realtime/yjs';

export interface YjsServiceOptions {
  limits?: RealtimeLimits;
  timing?: PersistenceTiming;
  snapshotEvery?: number;
  /** How long shutdown keeps retrying failed writes before giving up loudly. */
  shutdownFlushMs?: number;
  log?: (line: string) => void;
  observer?: PersistenceObserver;
}

const upgradeQuery = z.object({
  documentId: z.string().min(1).max(200),
  token: z.string().max(8192).nullable(),
});

/** How long a revocation is remembered for connections whose door check was already under way. */
const REVOCATION_MEMORY_MS = 60_000;

export function createYjsService(options: YjsServiceOptions = {}): RealtimeServiceFactory {
  return (context) => {
    const log = options.log ?? ((line: string) => console.error(line));
    const limits = options.limits ?? readRealtimeLimits();
    const db = context.database.db;
    const scheduler = new PersistenceScheduler((batch) => writeBatch(db, batch), options.timing ?? defaultPersistenceTiming, log, options.observer);
    const rooms = new Set<DocumentRoom>();
    const deps: RoomDependencies = { db, scheduler, limits, snapshotEvery: options.snapshotEvery ?? 200, log, rooms };
    const connections = new Set<RoomConnection>();
    const recentRevocations: Array<{ spaceId: string; userId: string; at: number }> = [];
    // ws enforces the size limit itself while reading a frame, so an oversized frame is never buffered whole.
    const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false });
    let closing = false;

    const stopListening = onMembershipRevoked(({ spaceId, userId }) => {
      const now = Date.now();
      recentRevocations.push({ spaceId, userId, at: now });
      while (recentRevocations.length > 0 && recentRevocations[0]!.at < now - REVOCATION_MEMORY_MS) recentRevocations.shift();
      for (const room of rooms) if (room.spaceId === spaceId) room.revokeUser(userId);
    });

    const revokedSince = (spaceId: string | null, userId: string, since: number) =>
      recentRevocations.some((r) => r.spaceId === spaceId && r.userId === userId && r.at >= since);

    async function admit(socket: WebSocket, documentId: string, token: string | null): Promise<void> {
      const connection = new RoomConnection(socket, documentId, limits, log);
      connections.add(connection);
      socket.on('message', (data, isBinary) => connection.receive(data as Buffer, isBinary));
      socket.on('close', () => {
        connections.delete(connection);
        connection.closedBySocket();
      });
      socket.on('error', (error) => log(`realtime: socket error on document ${documentId}: ${error.message}`));

      const startedAt = Date.now();
      let decision;
      try {
        decision = await openDocumentDoor(db, context.authSecret, documentId, token);
      } catch (error) {
        log(`realtime: access check for document ${documentId} failed: ${(error as Error)?.stack ?? error}`);
        connection.refuse(CloseCode.tryAgainLater, 'could not check access; try again');
        return;
      }
      if (!decision.ok) {
        connection.refuse(decision.code, decision.reason);
        return;
      }
      const { identity } = decision;
      if (connection.closed || closing) return;
      if (revokedSince(identity.spaceId, identity.userId, startedAt)) {
        connection.refuse(CloseCode.forbidden, 'no longer a member of this space');
        return;
      }
      for (let attempt = 0; attempt < 3; attempt++) {
        let room: DocumentRoom;
        try {
          room = await openRoomSlot(documentId, () => DocumentRoom.load(documentId, identity.spaceId, deps)).ready;
        } catch (error) {
          // Never serve a document that failed to load as empty: the client retries later.
          log(`realtime: loading document ${documentId} failed: ${(error as Error)?.stack ?? error}`);
          connection.refuse(CloseCode.tryAgainLater, 'the document could not be loaded; try again');
          return;
        }
        if (connection.closed || closing) {
          room.unloadWhenIdle();
          return;
        }
        if (room.join(connection)) {
          connection.admit(identity, room);
          return;
        }
      }
      connection.refuse(CloseCode.tryAgainLater, 'the document is busy; try again');
    }

    const service: RealtimeService = {
      name: 'yjs',
      handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
        const url = new URL(request.url ?? '/', 'http://localhost');
        if (url.pathname !== YJS_PATH && !url.pathname.startsWith(`${YJS_PATH}/`)) return false;
        if (closing) {
          socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
          return true;
        }
        let documentId = '';
        try {
          documentId = decodeURIComponent(url.pathname.slice(YJS_PATH.length + 1));
        } catch {
          // An undecodable id is just an id that names no document (4404 after the token check).
        }
        const query = upgradeQuery.safeParse({ documentId: documentId || '-', token: url.searchParams.get('token') });
        if (!query.success) {
          socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
          return true;
        }
        wss.handleUpgrade(request, socket, head, (ws) => {
          void admit(ws, query.data.documentId, query.data.token);
        });
        return true;
      },
      async close(): Promise<void> {
        closing = true;
        stopListening();
        for (const connection of [...connections]) connection.close(CloseCode.serverRestarting, 'the server is restarting');
        const flushed = Promise.all([...rooms].map((room) => scheduler.flush(room)));
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.shutdownFlushMs ?? 15_000)));
        const outcome = await Promise.race([flushed.then(() => 'done' as const), timedOut]);
        clearTimeout(timer);
        if (outcome === 'timeout') {
          log(`realtime: SHUTDOWN WITH UNSAVED CHANGES: ${scheduler.unwrittenDocuments} document(s) could not be written to the database`);
        }
        scheduler.stop();
        for (const room of [...rooms]) room.destroy();
        for (const socket of wss.clients) socket.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      },
    };
    return service;
  };
}
