'use client';
/**
 * Re-renders the page when the partner proposes, signs, asks for changes or restores this
 * agreement: the socket.io event names the agreement; the page reloads its own data from the server
 * (which asks the authorization module again), so no agreement data travels in the event itself.
 */
import { useRouter } from 'next/navigation';
import { useLiveEvent } from '../../../../_components/live/live-connection';

export const VERSION_EVENTS = ['version-proposed', 'version-signed', 'version-changes-requested', 'agreement-restored'] as const;

export function VersionLiveRefresh({ documentId }: { documentId: string }) {
  const router = useRouter();
  const refresh = (payload: { documentId?: string }) => {
    if (payload.documentId === documentId) router.refresh();
  };
  useLiveEvent(VERSION_EVENTS[0], refresh);
  useLiveEvent(VERSION_EVENTS[1], refresh);
  useLiveEvent(VERSION_EVENTS[2], refresh);
  useLiveEvent(VERSION_EVENTS[3], refresh);
  return null;
}
