'use client';
/**
 * A quiet live notice on every signed-in page when the partner proposes a conversation or is waiting
 * to begin, so the partner is told live wherever they are. Hidden on the conversation page itself
 * and on the home page, which lists it.
 */
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { ConversationView } from '@/server/domain/conversations/conversation-view';
import { CONVERSATION_STATE_REQUEST_TO_SERVER, CONVERSATION_STATE_TO_CLIENT } from '@/server/realtime/socket-io/live-protocol';
import { useLiveEvent, useLiveSocket } from '../../_components/live/live-connection';

export function ConversationNotice() {
  const pathname = usePathname();
  const { socket, status } = useLiveSocket();
  const [view, setView] = useState<ConversationView | null>(null);
  useLiveEvent<{ conversation: ConversationView | null }>(CONVERSATION_STATE_TO_CLIENT, (payload) => setView(payload.conversation));
  useEffect(() => {
    if (status !== 'connected' || !socket) return;
    socket.timeout(10_000).emit(CONVERSATION_STATE_REQUEST_TO_SERVER, (error: Error | null, reply?: { ok: boolean; conversation?: ConversationView | null }) => {
      if (!error && reply?.ok) setView(reply.conversation ?? null);
    });
  }, [socket, status]);
  // The conversation page shows it itself, and the home page lists it among what waits.
  if (!view || pathname.startsWith('/conversations') || pathname === '/home') return null;
  const waitingForMe =
    (view.phase === 'proposed' && view.proposedBy !== view.viewerId) ||
    (view.phase === 'opening' && !view.arrived.includes(view.viewerId)) ||
    view.phase === 'check-in' ||
    view.phase === 'floor' ||
    view.phase === 'closing';
  if (!waitingForMe) return null;
  const text = view.phase === 'proposed' ? 'Your partner would like to talk about' : view.phase === 'opening' ? 'Your partner is ready to talk about' : 'Your conversation is going on:';
  return (
    <div className="container">
      <p className="notice notice-info conversation-notice" role="status" data-testid="conversation-notice">
        {text} “{view.topic}”. <Link href="/conversations">Open the conversation</Link>
      </p>
    </div>
  );
}
