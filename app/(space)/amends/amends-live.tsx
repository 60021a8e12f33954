'use client';
/**
 * Keeps the amends pages current without a reload: when an amend is offered, received, answered with
 * "how it affected me" or withdrawn (or one of my drafts changes on another device), the page
 * re-renders from the server, which decides again what this person may see. The events carry no
 * words. A calm line says what the partner did; nothing flashes.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useLiveEvent } from '../../_components/live/live-connection';
import { LiveNoticeSlot } from '../../_components/live/live-notice-slot';

type AmendPayload = { amendId: string; actorId: string; actorName: string };

const SENTENCES: Record<string, (name: string) => string> = {
  'amend-offered': (name) => `${name} offered you an amend.`,
  'amend-received': (name) => `${name} received your amend.`,
  'amend-affected-changed': (name) => `${name} wrote how it affected them.`,
  'amend-withdrawn': (name) => `${name} withdrew an amend.`,
};

export function AmendsLive({ viewerId, amendId }: { viewerId: string; amendId?: string }) {
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const onAmendEvent = (event: string) => (payload: AmendPayload) => {
    if (amendId && payload.amendId !== amendId) return;
    if (payload.actorId !== viewerId) setNotice(SENTENCES[event]!(payload.actorName));
    router.refresh();
  };
  useLiveEvent<AmendPayload>('amend-offered', onAmendEvent('amend-offered'));
  useLiveEvent<AmendPayload>('amend-received', onAmendEvent('amend-received'));
  useLiveEvent<AmendPayload>('amend-affected-changed', onAmendEvent('amend-affected-changed'));
  useLiveEvent<AmendPayload>('amend-withdrawn', onAmendEvent('amend-withdrawn'));
  useLiveEvent<{ amendId: string }>('amend-drafts-changed', (payload) => {
    if (!amendId || payload.amendId === amendId) router.refresh();
  });
  return <LiveNoticeSlot notice={notice} onDismiss={() => setNotice(null)} />;
}
