/**
 * What a service plugs into the HTTP server: the y-websocket document rooms, socket.io, the
 * notifier. The HTTP server owns transport only; each service owns its own connections and state.
 * (Here rather than under server/realtime/ so that services outside the transport, like the
 * notifier, need not import it.)
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { DatabaseHandle } from './db/database';

export interface RealtimeContext {
  /** The process's database. */
  database: DatabaseHandle;
  /** Verifies realtime tokens (server/auth/realtime-token.ts). */
  authSecret: string;
  httpServer: Server;
}

export interface RealtimeService {
  name: string;
  /** Take this upgrade request if it is yours and return true; return false to let others have it. */
  handleUpgrade?(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Flush everything that is not yet durable and close connections. Called on shutdown. */
  close(): Promise<void>;
}

export type RealtimeServiceFactory = (context: RealtimeContext) => Promise<RealtimeService> | RealtimeService;
