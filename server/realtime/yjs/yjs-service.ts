/**
 * The document rooms on Mend's HTTP server: `/realtime/yjs/<documentId>?token=…`, the standard
 * y-websocket protocol, so the stock WebsocketProvider works unmodified:
 *
 *   new WebsocketProvider(`${wsOrigin}/realtime/yjs`, documentId, doc, { params: { token } })
 *
 * The token comes from GET /api/realtime/token?documentId=… (5 minutes). Close codes (close-codes.ts):
 * 4401 not signed in / expired token, or what the person may do changed (fetch a new one and
 * reconnect), 4403 not allowed, 4404 no such document, 4413 too large, 4429 too many messages, 1007
 * malformed frame, 1013 load failed (retry), 1012 server restarting (retry). See docs/realtime.md.
 *
 * This file is transport only: the door (document-door.ts) decides access, at connect and again for
 * every open connection whenever access may have changed (server/events/access-events.ts); a
 * DocumentRoom owns each loaded document, and its DocumentLog, the PersistenceScheduler and the
 * update-log store (server/documents) make changes durable. The rooms' DocumentHub is installed here,
 * for domain code.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { onAccessChanged, type AccessChange } from '../../events/access-events';
import type { RealtimeService, RealtimeServiceFactory } from '../realtime-service';
import { onSessionsRevoked } from '../../events/session-events';
import { currentBus } from '../../bus';
import { installDocumentHub } from '../../documents/document-hub';
import { writeBatch } from '../../documents/document-store';
import { writeBatchSharedLog } from '../../documents/shared-log-writer';
import { defaultPersistenceTiming, PersistenceScheduler, type PersistenceObserver, type PersistenceTiming } from '../../documents/persistence-scheduler';
import { CloseCode } from './close-codes';
import { openDocumentDoor, recheckDocumentAccess, type RecheckDecision } from './document-door';
import type { PeerTiming } from './document-peers';
import { DocumentRoom, type RoomDependencies } from './document-room';
import { readRealtimeLimits, type RealtimeLimits } from './limits';
import { createRoomHub } from './room-hub';
import { openRoomSlot } from './room-registry';
import { RoomConnection, type ConnectionIdentity } from './room-connection';

export const YJS_PATH = '/realtime/yjs';

export interface YjsServiceOptions {
  limits?: RealtimeLimits;
  timing?: PersistenceTiming;
  snapshotEvery?: number;
  /** How long shutdown keeps retrying failed writes before giving up loudly. */
  shutdownFlushMs?: number;
  log?: (line: string) => void;
  observer?: PersistenceObserver;
  /** How the instances sharing a document wait for each other (several instances only). */
  peerTiming?: PeerTiming;
  /** Every open socket is pinged this often; one that has not answered the previous ping is dropped (default: limits.keepaliveMs). */
  keepaliveMs?: number;
}

const upgradeQuery = z.object({
  documentId: z.string().min(1).max(200),
  token: z.string().max(8192).nullable(),
});

/** How long an access change is remembered for connections whose door check was already under way. */
const CHANGE_MEMORY_MS = 60_000;

/** An access change as the rooms remember it: these documents, or every document of this space. */
interface RememberedChange {
  at: number;
  documentIds: ReadonlySet<string> | null;
  spaceId: string | null;
}

function affects(change: RememberedChange, documentId: string, spaceId: string | null): boolean {
  return change.documentIds ? change.documentIds.has(documentId) : spaceId !== null && change.spaceId === spaceId;
}

export function createYjsService(options: YjsServiceOptions = {}): RealtimeServiceFactory {
  return (context) => {
    const log = options.log ?? ((line: string) => console.error(line));
    const limits = options.limits ?? readRealtimeLimits();
    const db = context.database.db;
    const bus = currentBus();
    // Several instances append to one document's log: seqs are then given out by the database (shared-log-writer.ts).
    const write = bus.kind === 'redis' ? async (batch: Parameters<typeof writeBatch>[1]) => void (await writeBatchSharedLog(db, batch)) : (batch: Parameters<typeof writeBatch>[1]) => writeBatch(db, batch);
    const scheduler = new PersistenceScheduler(write, options.timing ?? defaultPersistenceTiming, log, options.observer);
    const rooms = new Set<DocumentRoom>();
    const deps: RoomDependencies = { db, scheduler, limits, snapshotEvery: options.snapshotEvery ?? 200, log, rooms, bus, peerTiming: options.peerTiming };
    const connections = new Set<RoomConnection>();
    const recentChanges: RememberedChange[] = [];
    // ws enforces the size limit itself while reading a frame, so an oversized frame is never buffered whole.
    const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false });
    let closing = false;

    /**
     * The one reaction to anything that may change who may read or write a document: every open
     * connection to an affected document is put through the door again, and closed when the answer
     * changed: refused (4403/4404), or a different mode (4401: the page fetches a fresh token and
     * comes back under the new mode, so a connection never keeps writing into a document that froze).
     * A document that no longer exists is evicted without writing anything back.
     */
    async function handleAccessChange(change: AccessChange): Promise<void> {
      const now = Date.now();
      const remembered: RememberedChange =
        change.kind === 'documents' ? { at: now, documentIds: new Set(change.documentIds), spaceId: null } : { at: now, documentIds: null, spaceId: change.spaceId };
      recentChanges.push(remembered);
      while (recentChanges.length > 0 && recentChanges[0]!.at < now - CHANGE_MEMORY_MS) recentChanges.shift();
      const affected = [...rooms].filter((room) => affects(remembered, room.documentId, room.spaceId));
      await Promise.all(affected.map((room) => recheckConnections(room, [...room.connections])));
    }

    async function recheckConnections(room: DocumentRoom, list: RoomConnection[]): Promise<void> {
      // Both tabs of one person get one answer.
      const decisions = new Map<string, Promise<RecheckDecision>>();
      await Promise.all(
        list.map(async (connection) => {
          const identity = connection.identity;
          if (!identity) return;
          let pending = decisions.get(identity.userId);
          if (!pending) {
            pending = recheckDocumentAccess(db, identity.userId, room.documentId);
            decisions.set(identity.userId, pending);
          }
          let outcome: RecheckDecision;
          try {
            outcome = await pending;
          } catch (error) {
            // Fail closed: the client reconnects through the door, which asks the database again.
            log(`realtime: re-checking access to document ${room.documentId} failed: ${(error as Error)?.stack ?? error}`);
            connection.refuse(CloseCode.tryAgainLater, 'could not check access again; reconnect');
            return;
          }
          if (connection.closed) return;
          if (outcome.kind === 'gone') room.evict();
          else if (outcome.kind === 'refused') connection.refuse(outcome.code, outcome.reason);
          else if (outcome.mode !== identity.mode) connection.refuse(CloseCode.unauthenticated, modeChangedReason(outcome.mode));
        }),
      );
    }

    const stopAccessEvents = onAccessChanged(handleAccessChange);
    // After a bus outage, whatever the other instances published meanwhile was lost: ask them for
    // their state again, and put every open connection through the door again (access events may
    // have been lost too).
    const stopResync = bus.onResync(() => {
      for (const room of [...rooms]) {
        // The others' unsaved edits come from them; what they stored meanwhile (and then unloaded) from the log.
        const caughtUp = Promise.all([room.peers.catchUp(), room.log.catchUpFromLog()]);
        void caughtUp.catch((error: unknown) => log(`realtime: catching up document ${room.documentId} after a bus outage failed: ${(error as Error)?.message ?? error}`));
        void recheckConnections(room, [...room.connections]);
      }
    });
    const uninstallHub = installDocumentHub(createRoomHub(db, handleAccessChange));
    // Leaving the space still announces itself as a revoked membership; it is an access change of the whole space.

    const changedSince = (documentId: string, spaceId: string | null, since: number) =>
      recentChanges.some((change) => change.at >= since && affects(change, documentId, spaceId));

    // A session that ends (sign out, sign out everywhere, account deleted) takes its open rooms with
    // it; the page's next token request is refused, so it does not come back.
    const stopSessions = onSessionsRevoked(({ userId, sessionIds }) => {
      for (const connection of [...connections]) {
        const identity = connection.identity;
        if (!identity || identity.userId !== userId) continue;
        if (sessionIds === null || (identity.sessionId !== null && sessionIds.includes(identity.sessionId))) connection.close(CloseCode.unauthenticated, 'signed out');
      }
    });

    const keepalive = setInterval(() => {
      for (const connection of connections) connection.keepAlive();
    }, options.keepaliveMs ?? limits.keepaliveMs);
    keepalive.unref();

    async function admit(socket: WebSocket, documentId: string, token: string | null): Promise<void> {
      const connection = new RoomConnection(socket, documentId, limits, log);
      connections.add(connection);
      socket.on('message', (data, isBinary) => connection.receive(data as Buffer, isBinary));
      socket.on('close', () => {
        connections.delete(connection);
        connection.closedBySocket();
      });
      socket.on('error', (error) => log(`realtime: socket error on document ${documentId}: ${error.message}`));

      let checkedAt = Date.now();
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
      let identity: ConnectionIdentity = decision.identity;
      if (connection.closed || closing) return;
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
        // Access may have changed while the door decided or the room loaded, before this connection
        // was in the room for handleAccessChange to find: decide again before admitting, so that
        // messages queued meanwhile never apply under a stale mode. Nothing is awaited between the
        // last check and join, so any later change finds the connection in the room.
        while (changedSince(documentId, identity.spaceId, checkedAt)) {
          checkedAt = Date.now();
          let outcome: RecheckDecision;
          try {
            outcome = await recheckDocumentAccess(db, identity.userId, documentId);
          } catch (error) {
            log(`realtime: access check for document ${documentId} failed: ${(error as Error)?.stack ?? error}`);
            outcome = { kind: 'refused', code: CloseCode.tryAgainLater, reason: 'could not check access; try again' };
          }
          if (outcome.kind !== 'allowed' || connection.closed || closing) {
            if (outcome.kind === 'gone') room.evict();
            else room.unloadWhenIdle();
            if (outcome.kind === 'gone') connection.refuse(CloseCode.notFound, 'no such document');
            else if (outcome.kind === 'refused') connection.refuse(outcome.code, outcome.reason);
            return;
          }
          identity = { ...identity, mode: outcome.mode };
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
        stopAccessEvents();
        stopResync();
        stopSessions();
        uninstallHub();
        clearInterval(keepalive);
        for (const connection of [...connections]) connection.close(CloseCode.serverRestarting, 'the server is restarting');
        const flushed = Promise.all([...rooms].map((room) => room.log.flush()));
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

function modeChangedReason(mode: 'edit' | 'read'): string {
  return mode === 'read' ? 'this document is read only now: reconnect to read it' : 'this document can be edited now: reconnect to edit it';
}
