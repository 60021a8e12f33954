/**
 * socket.io on Mend's own HTTP server, at /realtime/socket.io, namespace /space.
 *
 * At the door (namespace middleware) a socket shows a 5-minute realtime token of scope 'socket'; the
 * token is verified and the person's current membership is read from the database. Refusals reach
 * the client as a `connect_error` whose message a person can read and whose `data.code` says
 * whether a fresh token could help. An admitted socket joins its space's room and its person's room.
 *
 * The service then
 * - forwards live events (server/events/live-events.ts) to their audience: the space or one person;
 * - keeps presence (who has the space open right now; nothing more is tracked);
 * - closes a person's sockets at once when they leave the space (membership-events.ts);
 * - hands each admitted socket to the features (live conversations, …).
 *
 * Several instances (REDIS_URL): socket.io's Redis adapter lets one instance reach sockets held by
 * another (presence asks every instance who is in a space). Events from the bus are heard by every
 * instance, so each one forwards them to its *own* sockets only (`namespace.local`), never through
 * the adapter, or a person would get one copy per instance. WebSocket is the only transport: a
 * long-polling session is a series of requests that must all reach the same instance, which would
 * need sticky sessions at the load balancer; a WebSocket is one connection, so none is needed.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server, type ExtendedError } from 'socket.io';
import { z } from 'zod';
import { authorizeLiveConnection } from '../../access/authorization';
import { verifyRealtimeToken } from '../../auth/realtime-token';
import { checkSession } from '../../auth/sessions';
import { currentBus } from '../../bus';
import type { RedisRealtimeBus } from '../../bus/redis-bus';
import { onLiveEvent } from '../../events/live-events';
import { onMembershipRevoked } from '../../events/membership-events';
import { onSessionsRevoked } from '../../events/session-events';
import type { RealtimeService, RealtimeServiceFactory } from '../realtime-service';
import {
  LIVE_NAMESPACE,
  LIVE_SOCKET_PATH,
  PRESENCE_CHANGED,
  SPACE_ACCESS_ENDED,
  type LiveRefusalCode,
  type PresentPerson,
} from './live-protocol';
import { spaceRoom, userRoom, type LiveNamespace, type LiveSocket, type SocketFeature, type SocketFeatureFactory } from './socket-feature';

const handshakeAuthSchema = z.object({ token: z.string().min(1).max(4096) });

const refusalMessages: Record<LiveRefusalCode, string> = {
  'missing-token': 'Sign in again to connect: no live token was sent.',
  'expired-token': 'Your live connection expired. Reconnecting with a fresh one…',
  'invalid-token': 'This live connection could not be verified. Please reload the page.',
  unavailable: 'The live connection is unavailable right now. Trying again shortly.',
};

function refuse(code: LiveRefusalCode): ExtendedError {
  const error = new Error(refusalMessages[code]) as ExtendedError & { data: { code: LiveRefusalCode } };
  error.data = { code };
  return error;
}

export interface SocketIoServiceOptions {
  features?: SocketFeatureFactory[];
  log?: (line: string) => void;
}

const PRESENCE_TOPIC = 'presence-changed';
/** How long presence waits for the other instances before showing what this one knows. */
const CLUSTER_ANSWER_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(
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

export function createSocketIoService(options: SocketIoServiceOptions = {}): RealtimeServiceFactory {
  return (context): RealtimeService => {
    const log = options.log ?? ((line: string) => console.log(line));
    const bus = currentBus();
    const io = new Server({ path: LIVE_SOCKET_PATH, serveClient: false, connectTimeout: 10_000, transports: ['websocket'] });
    if (bus.kind === 'redis') {
      const { pubClient, subClient, key } = (bus as RedisRealtimeBus).socketIoClients();
      io.adapter(createAdapter(pubClient, subClient, { key, requestsTimeout: CLUSTER_ANSWER_MS }));
    }
    // attach() wraps the server's request listeners (so a long-polling request is answered, and
    // refused, before Next sees it) but also adds its own 'upgrade' listener. Upgrades are dispatched by http-server.ts
    // through handleUpgrade below, so that listener is taken off again: one owner per upgrade.
    const upgradeListenersBefore = new Set(context.httpServer.listeners('upgrade'));
    io.attach(context.httpServer, { destroyUpgrade: false });
    for (const listener of context.httpServer.listeners('upgrade')) {
      if (!upgradeListenersBefore.has(listener)) context.httpServer.off('upgrade', listener as (...args: unknown[]) => void);
    }

    const namespace = io.of(LIVE_NAMESPACE) as unknown as LiveNamespace;
    const features: SocketFeature[] = (options.features ?? []).map((factory) => factory({ namespace, database: context.database, log }));

    namespace.use((socket, next) => {
      void (async () => {
        const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
        if (!auth.success) return next(refuse('missing-token'));
        const check = await verifyRealtimeToken(context.authSecret, auth.data.token);
        if (!check.ok) return next(refuse(check.reason === 'expired' ? 'expired-token' : check.reason === 'missing' ? 'missing-token' : 'invalid-token'));
        if (check.claims.scope.kind !== 'socket') return next(refuse('invalid-token'));
        const decision = await authorizeLiveConnection(context.database.db, { userId: check.claims.userId });
        if (!decision.ok) return next(refuse('invalid-token'));
        socket.data = { userId: check.claims.userId, name: decision.name, spaceId: decision.membership?.spaceId ?? null, sessionId: check.claims.sessionId };
        next();
      })().catch((error) => {
        log(`socket.io: admission failed: ${(error as Error)?.stack ?? error}`);
        next(refuse('unavailable'));
      });
    });

    /** Who has the space open on any instance; with the others unreachable (Redis down), who has it open here. */
    async function presenceOf(spaceId: string): Promise<PresentPerson[]> {
      const sockets = await withTimeout(namespace.in(spaceRoom(spaceId)).fetchSockets(), CLUSTER_ANSWER_MS + 500).catch(() =>
        namespace.local.in(spaceRoom(spaceId)).fetchSockets(),
      );
      const people = new Map<string, PresentPerson>();
      for (const socket of sockets) people.set(socket.data.userId, { userId: socket.data.userId, name: socket.data.name });
      return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
    }

    // Presence is recomputed by every instance that holds sockets of the space, one refresh at a
    // time per space (a later one may be asked for while one runs: it runs once more after), and
    // sent to its own sockets. So the last list each person gets was read after the last change.
    const refreshing = new Map<string, { again: boolean }>();
    function refreshPresence(spaceId: string): void {
      const running = refreshing.get(spaceId);
      if (running) {
        running.again = true;
        return;
      }
      const state = { again: false };
      refreshing.set(spaceId, state);
      void (async () => {
        do {
          state.again = false;
          if (!namespace.adapter.rooms.get(spaceRoom(spaceId))?.size) continue;
          const people = await presenceOf(spaceId);
          namespace.local.to(spaceRoom(spaceId)).emit(PRESENCE_CHANGED, { people });
        } while (state.again);
      })()
        .catch((error) => log(`socket.io: presence failed: ${(error as Error)?.stack ?? error}`))
        .finally(() => refreshing.delete(spaceId));
    }
    /** Someone arrived or left here: every instance refreshes the space's presence for its own sockets. */
    function announcePresence(spaceId: string): void {
      void bus.publish(PRESENCE_TOPIC, { spaceId });
    }
    const stopPresence = bus.subscribe(PRESENCE_TOPIC, (message) => {
      const spaceId = (message as { spaceId?: unknown })?.spaceId;
      if (typeof spaceId === 'string') refreshPresence(spaceId);
    });

    namespace.on('connection', (socket: LiveSocket) => {
      const { spaceId, userId } = socket.data;
      const joined = Promise.resolve(socket.join(spaceId ? [spaceRoom(spaceId), userRoom(userId)] : [userRoom(userId)]));
      socket.on('disconnect', () => {
        if (spaceId) announcePresence(spaceId);
      });
      for (const feature of features) {
        try {
          feature.onConnection(socket);
        } catch (error) {
          log(`socket.io: feature ${feature.name} failed on connection: ${(error as Error)?.stack ?? error}`);
        }
      }
      void joined.then(() => (spaceId ? announcePresence(spaceId) : undefined)).catch(() => undefined);
    });

    // Every instance hears each event once (the bus): each sends it to its own sockets only.
    const stopLiveEvents = onLiveEvent((event) => {
      if (event.audience === 'space') {
        if (event.spaceId) namespace.local.to(spaceRoom(event.spaceId)).emit(event.event, event.payload);
        return;
      }
      namespace.local.to(userRoom(event.audience.userId)).emit(event.event, event.payload);
    });

    function endSpaceAccess(socket: { emit(event: string, payload: unknown): unknown; disconnect(close: boolean): unknown }): void {
      socket.emit(SPACE_ACCESS_ENDED, { message: 'You are no longer in this space.' });
      socket.disconnect(true);
    }

    const stopRevocations = onMembershipRevoked(({ spaceId, userId }) => {
      void (async () => {
        const sockets = await namespace.local.in(userRoom(userId)).fetchSockets();
        for (const socket of sockets) if (socket.data.spaceId === spaceId) endSpaceAccess(socket);
      })().catch((error) => log(`socket.io: closing sockets after revocation failed: ${(error as Error)?.stack ?? error}`));
    });

    const stopSessions = onSessionsRevoked(({ userId, sessionIds }) => {
      void (async () => {
        const sockets = await namespace.local.in(userRoom(userId)).fetchSockets();
        for (const socket of sockets) {
          const sessionId = socket.data.sessionId;
          if (sessionIds === null || (sessionId !== null && sessionIds.includes(sessionId))) socket.disconnect(true);
        }
      })().catch((error) => log(`socket.io: closing sockets of ended sessions failed: ${(error as Error)?.stack ?? error}`));
    });

    // After a Redis outage, revocations published elsewhere meanwhile were lost: look at each socket
    // held here again (its session, its membership) and refresh presence.
    const stopResync = bus.onResync(() => {
      void (async () => {
        const spaces = new Set<string>();
        for (const socket of await namespace.local.fetchSockets()) {
          const { userId, sessionId, spaceId } = socket.data;
          if (sessionId !== null && !(await checkSession(context.database.db, { sessionId, userId }))) {
            socket.disconnect(true);
            continue;
          }
          const decision = await authorizeLiveConnection(context.database.db, { userId });
          if (!decision.ok) {
            socket.disconnect(true);
            continue;
          }
          if (spaceId && decision.membership?.spaceId !== spaceId) {
            endSpaceAccess(socket);
            continue;
          }
          if (spaceId) spaces.add(spaceId);
        }
        for (const spaceId of spaces) refreshPresence(spaceId);
      })().catch((error) => log(`socket.io: re-checking sockets after the bus came back failed: ${(error as Error)?.stack ?? error}`));
    });

    return {
      name: 'socket.io',
      handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
        const pathname = (request.url ?? '').split('?')[0];
        if (pathname !== `${LIVE_SOCKET_PATH}/` && pathname !== LIVE_SOCKET_PATH) return false;
        io.engine.handleUpgrade(request, socket, head);
        return true;
      },
      async close() {
        stopLiveEvents();
        stopRevocations();
        stopSessions();
        stopPresence();
        stopResync();
        for (const feature of features) await feature.close?.();
        io.disconnectSockets(true);
        namespace.disconnectSockets(true);
        // Not io.close(): that would also close the HTTP server, which http-server.ts owns.
        io.engine.close();
      },
    };
  };
}
