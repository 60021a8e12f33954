/**
 * What a feature (live conversations, …) plugs into the socket.io service. The service owns the
 * transport, authentication, rooms and presence; a feature only sees sockets that are already
 * authenticated, with `socket.data` settled (spaceId null for a person with no open space).
 */
import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import type { DatabaseHandle } from '../../db/database';

/** Settled at the door by the auth middleware; never taken from the client afterwards. */
export interface LiveSocketData {
  userId: string;
  name: string;
  /** The person's open space; null when they have none (their own devices still get their events). */
  spaceId: string | null;
  /** The signed-in session (device) whose token opened this socket: signing it out closes the socket. */
  sessionId: string | null;
}

export type LiveSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, LiveSocketData>;
export type LiveNamespace = Namespace<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, LiveSocketData>;

export interface SocketFeatureContext {
  namespace: LiveNamespace;
  database: DatabaseHandle;
  log: (line: string) => void;
}

export interface SocketFeature {
  name: string;
  /** Register this feature's event handlers on a newly connected, authenticated socket. */
  onConnection(socket: LiveSocket): void;
  close?(): Promise<void> | void;
}

export type SocketFeatureFactory = (context: SocketFeatureContext) => SocketFeature;

/** Rooms every socket joins: one for its space, one for its person (all their devices). */
export const spaceRoom = (spaceId: string) => `space:${spaceId}`;
export const userRoom = (userId: string) => `user:${userId}`;
