'use client';
/**
 * Keeps the home page current while it is open: whenever something shared happens in the space (every
 * such change announces 'activity-added' once it has committed), the conversation moves on, the space
 * closes, or the person writes in their journal or a note on another device, the page is rendered
 * again on the server, which decides afresh what this person may
 * see. Bursts (a signature that also puts a version in effect) are folded into one refresh.
 */
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { ACTIVITY_ADDED_EVENT } from '@/server/domain/activity/activity-notifications';
import { CONVERSATION_STATE_TO_CLIENT } from '@/server/realtime/socket-io/live-protocol';
import { useLiveEvent, useLiveSocket } from '../../_components/live/live-connection';

const SETTLE_MS = 250;

export function HomeLive() {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshSoon = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), SETTLE_MS);
  };
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  useLiveEvent(ACTIVITY_ADDED_EVENT, refreshSoon);
  useLiveEvent(CONVERSATION_STATE_TO_CLIENT, refreshSoon);
  useLiveEvent('space-closed', refreshSoon);
  // This person's own journal entry or note draft, written on another device: a first step recedes.
  useLiveEvent('journal-changed', refreshSoon);
  useLiveEvent('note-drafts-changed', refreshSoon);
  // What happened while the connection was down is read again once it is back.
  const { status } = useLiveSocket();
  const wasConnected = useRef(false);
  useEffect(() => {
    if (status === 'connected') {
      if (wasConnected.current) refreshSoon();
      wasConnected.current = true;
    }
  }, [status]);
  return null;
}
