'use client';
/**
 * One document's live session in the browser: the Y.Doc, its copy in IndexedDB (so edits made
 * offline survive a reload) and the y-websocket connection to the document room, with the token
 * dance and the refusal rules of server/realtime/yjs (see connection-state.ts).
 */
import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_CODES, MAX_TOKEN_REFRESHES_IN_A_ROW, deriveSyncStatus, reactionToClose, type SyncStatus } from './connection-state';

export interface CollaborationSession {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
}

export interface SessionView {
  session: CollaborationSession | null;
  status: SyncStatus;
  /** A sentence for the person when something is not as it should be. */
  notice: string | null;
  /** What the server allows this person: 'read' for archived or shared-with-me documents. */
  mode: 'edit' | 'read' | null;
  /** True once the copy kept on this device has been loaded into the document. */
  localCopyLoaded: boolean;
}

type TokenResult =
  | { kind: 'ok'; token: string; expiresAt: number; mode: 'edit' | 'read' }
  | { kind: 'signed-out' }
  | { kind: 'not-found' }
  | { kind: 'unavailable' };

async function fetchDocumentToken(documentId: string): Promise<TokenResult> {
  try {
    const response = await fetch(`/api/realtime/token?documentId=${encodeURIComponent(documentId)}`, { cache: 'no-store' });
    if (response.status === 401) return { kind: 'signed-out' };
    if (response.status === 404) return { kind: 'not-found' };
    if (!response.ok) return { kind: 'unavailable' };
    const body = (await response.json()) as { token?: unknown; expiresAt?: unknown; mode?: unknown };
    if (typeof body.token !== 'string' || typeof body.expiresAt !== 'string') return { kind: 'unavailable' };
    return { kind: 'ok', token: body.token, expiresAt: Date.parse(body.expiresAt), mode: body.mode === 'read' ? 'read' : 'edit' };
  } catch {
    return { kind: 'unavailable' };
  }
}

function realtimeServerUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/realtime/yjs`;
}

/** IndexedDB database name for one document on this device. */
export function localCopyName(documentId: string): string {
  return `mend-document-${documentId}`;
}

const TOKEN_RETRY_MS = 5_000;
/** Refresh the token a minute before it expires, so y-websocket's own reconnects carry a valid one. */
const TOKEN_REFRESH_MARGIN_MS = 60_000;

export function useCollaborationSession(documentId: string): SessionView {
  const [view, setView] = useState<SessionView>({ session: null, status: 'connecting', notice: null, mode: null, localCopyLoaded: false });

  useEffect(() => {
    const ydoc = new Y.Doc();
    const persistence = new IndexeddbPersistence(localCopyName(documentId), ydoc);
    const provider = new WebsocketProvider(realtimeServerUrl(), documentId, ydoc, { connect: false, params: {} });
    const session: CollaborationSession = { ydoc, provider };

    let disposed = false;
    let stopped = false;
    let tokenUnavailable = false;
    let hasSyncedBefore = false;
    let freshTokensInARow = 0;
    let socketState: 'connecting' | 'connected' | 'disconnected' = 'disconnected';
    let notice: string | null = null;
    let mode: 'edit' | 'read' | null = null;
    let localCopyLoaded = false;
    const timers = new Set<ReturnType<typeof setTimeout>>();

    const publish = () => {
      if (disposed) return;
      const status = deriveSyncStatus({
        stopped,
        browserOnline: navigator.onLine,
        socket: socketState,
        synced: provider.synced,
        hasSyncedBefore,
        tokenUnavailable,
        failedAttempts: provider.wsUnsuccessfulReconnects,
      });
      setView({ session, status, notice, mode, localCopyLoaded });
    };
    const later = (ms: number, work: () => void) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!disposed) work();
      }, ms);
      timers.add(timer);
    };
    const stop = (message: string, forgetLocalCopy = false) => {
      stopped = true;
      notice = message;
      provider.disconnect();
      // A document this person may no longer open should not stay readable on the device either.
      if (forgetLocalCopy) void persistence.clearData();
      publish();
    };

    let refreshTimer: ReturnType<typeof setTimeout> | null = null;
    const scheduleTokenRefresh = (expiresAt: number) => {
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => {
        void fetchDocumentToken(documentId).then((result) => {
          if (!disposed && result.kind === 'ok') {
            provider.params = { token: result.token };
            scheduleTokenRefresh(result.expiresAt);
          }
        });
      }, Math.max(10_000, expiresAt - Date.now() - TOKEN_REFRESH_MARGIN_MS));
    };

    /** Ask for a fresh token, then (re)open the room with it. */
    const connect = async () => {
      if (disposed || stopped || !navigator.onLine) return;
      const result = await fetchDocumentToken(documentId);
      if (disposed || stopped) return;
      switch (result.kind) {
        case 'signed-out':
          return stop('You are signed out, so this document has stopped updating. Your changes are kept on this device: sign in again to share them.');
        case 'not-found':
          return stop('This document could not be found, or you no longer have access to it.', true);
        case 'unavailable':
          tokenUnavailable = true;
          publish();
          later(TOKEN_RETRY_MS, () => void connect());
          return;
        case 'ok':
          tokenUnavailable = false;
          mode = result.mode;
          provider.params = { token: result.token };
          scheduleTokenRefresh(result.expiresAt);
          if (!provider.wsconnected && !provider.wsconnecting) provider.connect();
          publish();
      }
    };

    provider.on('status', ({ status }) => {
      socketState = status;
      publish();
    });
    provider.on('sync', (isSynced: boolean) => {
      if (isSynced) {
        hasSyncedBefore = true;
        freshTokensInARow = 0;
        notice = null;
      }
      publish();
    });
    provider.on('connection-close', (event) => {
      if (event) {
        const reaction = reactionToClose(event.code);
        if (reaction.kind === 'retry-later' && reaction.afterMs === 0) notice = reaction.message;
      }
      publish();
    });
    // Only for closes that y-websocket will not retry itself (4400-4499).
    provider.on('closed', ({ code }) => {
      const reaction = reactionToClose(code);
      if (reaction.kind === 'fresh-token') {
        freshTokensInARow += 1;
        if (freshTokensInARow > MAX_TOKEN_REFRESHES_IN_A_ROW) return stop('You appear to be signed out. Reload the page to sign in again; your changes are kept on this device.');
        void connect();
      } else if (reaction.kind === 'retry-later') {
        notice = reaction.message;
        publish();
        later(reaction.afterMs, () => void connect());
      } else if (reaction.kind === 'stop') {
        stop(reaction.message, code === CLOSE_CODES.forbidden || code === CLOSE_CODES.notFound);
      }
    });

    persistence.once('synced', () => {
      localCopyLoaded = true;
      publish();
    });

    // The browser knows before the socket does: stop cleanly when it goes offline, and come back with
    // a fresh token (the old one may have expired meanwhile) when it is online again.
    const onOffline = () => {
      provider.disconnect();
      publish();
    };
    const onOnline = () => {
      publish();
      void connect();
    };
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);

    publish();
    void connect();

    return () => {
      disposed = true;
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      for (const timer of timers) clearTimeout(timer);
      if (refreshTimer) clearTimeout(refreshTimer);
      provider.destroy();
      // provider.destroy() leaves the awareness timer running (machine notes).
      provider.awareness.destroy();
      void persistence.destroy();
      ydoc.destroy();
    };
  }, [documentId]);

  return view;
}
