'use client';
/**
 * The open conversation as this partner sees it, kept live over the page's socket.io connection,
 * and a `send` that resolves with the server's answer (a refusal carries a reason to show).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ConversationView } from '@/server/domain/conversations/conversation-view';
import type { ConversationActionInput } from '@/server/domain/conversations/conversation-input';
import {
  CONVERSATION_ACTION_TO_SERVER,
  CONVERSATION_STATE_REQUEST_TO_SERVER,
  CONVERSATION_STATE_TO_CLIENT,
} from '@/server/realtime/socket-io/live-protocol';
import { useLiveEvent, useLiveSocket } from '../../_components/live/live-connection';

export type SendResult = { ok: true } | { ok: false; reason: string };

export function useConversation() {
  const { socket, status, problem } = useLiveSocket();
  const [view, setView] = useState<ConversationView | null>(null);
  const [loaded, setLoaded] = useState(false);
  /** Server clock minus ours, so countdowns agree on both screens. */
  const [clockOffset, setClockOffset] = useState(0);

  const accept = useCallback((conversation: ConversationView | null) => {
    setView(conversation);
    setLoaded(true);
    if (conversation) setClockOffset(conversation.serverNow - Date.now());
  }, []);

  useLiveEvent<{ conversation: ConversationView | null }>(CONVERSATION_STATE_TO_CLIENT, (payload) => accept(payload.conversation));

  const refresh = useCallback(() => {
    if (!socket?.connected) return;
    socket.timeout(10_000).emit(CONVERSATION_STATE_REQUEST_TO_SERVER, (error: Error | null, reply?: { ok: boolean; conversation?: ConversationView | null }) => {
      if (!error && reply?.ok) accept(reply.conversation ?? null);
    });
  }, [socket, accept]);

  // The state is pushed on every (re)connection; asking as well covers a page opened on a socket that was already connected.
  useEffect(() => {
    if (status === 'connected') refresh();
  }, [status, refresh]);

  const send = useCallback(
    (action: ConversationActionInput): Promise<SendResult> =>
      new Promise((resolve) => {
        if (!socket?.connected) return resolve({ ok: false, reason: 'Not connected right now. Wait a moment for the connection to come back, then try again.' });
        socket.timeout(10_000).emit(CONVERSATION_ACTION_TO_SERVER, action, (error: Error | null, reply?: { ok: boolean; reason?: string; conversation?: ConversationView }) => {
          if (error || !reply) return resolve({ ok: false, reason: 'The server did not answer. Check your connection and try again.' });
          if (!reply.ok) return resolve({ ok: false, reason: reply.reason ?? 'That did not work.' });
          if (reply.conversation) accept(reply.conversation);
          resolve({ ok: true });
        });
      }),
    [socket, accept],
  );

  return { view, loaded, status, problem, send, refresh, clockOffset };
}

/** Re-renders every second while mounted; returns the server-corrected time. */
export function useNow(clockOffset: number): number {
  const [now, setNow] = useState(() => Date.now() + clockOffset);
  useEffect(() => {
    setNow(Date.now() + clockOffset);
    const timer = setInterval(() => setNow(Date.now() + clockOffset), 250);
    return () => clearInterval(timer);
  }, [clockOffset]);
  return now;
}
