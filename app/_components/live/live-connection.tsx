'use client';
/**
 * One live (socket.io) connection per page, shared by every component that needs it.
 *
 *   <LiveConnection> … </LiveConnection>            (in a layout; connects once)
 *   useLiveEvent('note-shared', (payload) => …)      (server → client events)
 *   usePresence()                                    (who has the space open right now)
 *   useLiveSocket()                                  (the socket itself, for features that emit)
 *
 * Every (re)connection fetches a fresh 5-minute token first, so a dropped connection comes back on
 * its own; a refusal that a new token cannot fix (not a member any more) stops retrying.
 */
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  LIVE_NAMESPACE,
  LIVE_SOCKET_PATH,
  PRESENCE_CHANGED,
  SPACE_ACCESS_ENDED,
  type PresentPerson,
} from '@/server/realtime/socket-io/live-protocol';

export type LiveStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed';

interface LiveState {
  socket: Socket | null;
  status: LiveStatus;
  problem: string | null;
  people: PresentPerson[];
}

const LiveContext = createContext<LiveState>({ socket: null, status: 'closed', problem: null, people: [] });

/** A token, or why there is none: 'no-space' (401/404) means retrying cannot help. */
async function fetchSocketToken(): Promise<{ token: string } | { problem: 'no-space' | 'unavailable' }> {
  const response = await fetch('/api/realtime/token?scope=socket', { cache: 'no-store' });
  if (response.status === 401 || response.status === 404) return { problem: 'no-space' };
  if (!response.ok) return { problem: 'unavailable' };
  const body = (await response.json()) as { token?: string };
  return body.token ? { token: body.token } : { problem: 'unavailable' };
}

/**
 * `spaceId` is the space the person is in as the page was rendered (null for none). The server
 * admits a connection to the space the person is in at that moment, so when this changes (the
 * space was just created or joined, or the person left) the connection starts again: otherwise a
 * connection opened before the space existed would never hear the partner arrive.
 */
export function LiveConnection({ spaceId = null, children }: { spaceId?: string | null; children: ReactNode }) {
  const [state, setState] = useState<LiveState>({ socket: null, status: 'connecting', problem: null, people: [] });

  useEffect(() => {
    let noSpace = false;
    const socket = io(LIVE_NAMESPACE, {
      path: LIVE_SOCKET_PATH,
      // WebSocket only: one connection that needs no sticky sessions when Mend runs as several instances.
      transports: ['websocket'],
      // Called before every connection attempt, so reconnects always carry a fresh token.
      auth: (send) => {
        fetchSocketToken()
          .then((result) => {
            noSpace = 'problem' in result && result.problem === 'no-space';
            send({ token: 'token' in result ? result.token : '' });
          })
          .catch(() => send({ token: '' }));
      },
      reconnectionDelayMax: 10_000,
    });
    setState((s) => ({ ...s, socket }));
    socket.on('connect', () => setState((s) => ({ ...s, status: 'connected', problem: null })));
    socket.on('disconnect', (reason) => {
      // 'io server disconnect' means the server closed it on purpose (left the space): no retry.
      setState((s) => ({ ...s, status: reason === 'io server disconnect' ? 'closed' : 'reconnecting', people: [] }));
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      const final = noSpace;
      if (final) socket.disconnect();
      setState((s) => ({ ...s, status: final ? 'closed' : 'reconnecting', problem: noSpace ? null : error.message }));
    });
    socket.on(PRESENCE_CHANGED, (payload: { people: PresentPerson[] }) => setState((s) => ({ ...s, people: payload.people })));
    socket.on(SPACE_ACCESS_ENDED, (payload: { message: string }) => setState((s) => ({ ...s, status: 'closed', problem: payload.message })));
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
      setState({ socket: null, status: 'connecting', problem: null, people: [] });
    };
  }, [spaceId]);

  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}

export function useLiveSocket(): { socket: Socket | null; status: LiveStatus; problem: string | null } {
  const { socket, status, problem } = useContext(LiveContext);
  return { socket, status, problem };
}

/** Who has the space open right now (both partners see the same list). */
export function usePresence(): PresentPerson[] {
  return useContext(LiveContext).people;
}

/** Run `handler` for each `eventName` the server sends; the latest handler is always used. */
export function useLiveEvent<Payload = Record<string, unknown>>(eventName: string, handler: (payload: Payload) => void): void {
  const { socket } = useContext(LiveContext);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!socket) return;
    const listener = (payload: Payload) => latest.current(payload);
    socket.on(eventName, listener);
    return () => {
      socket.off(eventName, listener);
    };
  }, [socket, eventName]);
}
