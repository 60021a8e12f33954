'use client';
/**
 * After a private document is deleted for good, erase the offline copy this browser kept of it
 * (the editor stores each document in IndexedDB so it works offline). Without this, "deleted" text
 * would still sit on the device. The server has already removed every stored byte.
 */
import { useEffect } from 'react';
import { localCopyName } from '../../_components/collaborative-editor/use-collaboration-session';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ForgetLocalCopy({ documentId }: { documentId: string | undefined }) {
  useEffect(() => {
    if (!documentId || !UUID.test(documentId) || typeof indexedDB === 'undefined') return;
    indexedDB.deleteDatabase(localCopyName(documentId));
    // Drop the id from the address bar so a reload or a shared screenshot does not carry it.
    const url = new URL(window.location.href);
    url.searchParams.delete('forget');
    window.history.replaceState(window.history.state, '', url);
  }, [documentId]);
  return null;
}
