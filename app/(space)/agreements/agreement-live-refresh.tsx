'use client';
import { useRouter } from 'next/navigation';
import { useLiveEvent } from '../../_components/live/live-connection';
import { AGREEMENT_CHANGED_EVENT, type AgreementChangedPayload } from '@/server/domain/agreements/agreement-event-names';

/**
 * Re-renders the page when the partner renames, archives or starts an agreement (for one agreement,
 * or any when no id). The list also shows where each agreement stands, so without an id it follows
 * proposals, signatures and requests for changes too (the agreement page's strip does that itself).
 */
export function AgreementLiveRefresh({ documentId }: { documentId?: string }) {
  const router = useRouter();
  useLiveEvent<AgreementChangedPayload>(AGREEMENT_CHANGED_EVENT, (payload) => {
    if (!documentId || payload.documentId === documentId) router.refresh();
  });
  const onVersionEvent = () => {
    if (!documentId) router.refresh();
  };
  useLiveEvent('version-proposed', onVersionEvent);
  useLiveEvent('version-signed', onVersionEvent);
  useLiveEvent('version-changes-requested', onVersionEvent);
  return null;
}
