'use client';
/** The journal list follows the owner's other devices (an entry added or deleted elsewhere). Only the owner receives these events. */
import { useRouter } from 'next/navigation';
import { useLiveEvent } from '../../_components/live/live-connection';

export function JournalLive() {
  const router = useRouter();
  useLiveEvent('journal-changed', () => router.refresh());
  return null;
}
