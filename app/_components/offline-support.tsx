'use client';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';

/** Next's build files this page has loaded so far (scripts, styles, fonts), for the worker to keep. */
function loadedBuildFiles(): string[] {
  const files = new Set<string>();
  for (const entry of performance.getEntriesByType('resource')) {
    if (new URL(entry.name, location.href).pathname.startsWith('/_next/static/')) files.add(entry.name);
  }
  document.querySelectorAll<HTMLScriptElement>('script[src^="/_next/static/"]').forEach((script) => files.add(script.src));
  document.querySelectorAll<HTMLLinkElement>('link[href^="/_next/static/"]').forEach((link) => files.add(link.href));
  return [...files];
}

/**
 * Registers Mend's service worker (public/sw.js) and tells it which page is shown, on every page.
 * The worker decides from that page's address what to do (public/sw-rules.js): on an agreement or a
 * journal entry it keeps the page's HTML for when the network fails, on a signed-in page it keeps the
 * build files the page loaded (a first visit loads them before the worker is there to see them), and
 * on the sign-in page it deletes every cache, because nobody is signed in on this device any more.
 * Client-side navigations never pass through the worker as page loads, hence the message on each one.
 *
 * Production only: `npm run dev` rebuilds files under the same names, which a cache would hide.
 */
export function OfflineSupport() {
  const pathname = usePathname();
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    let cancelled = false;
    void (async () => {
      try {
        await navigator.serviceWorker.register('/sw.js', { scope: '/' });
        const registration = await navigator.serviceWorker.ready;
        if (!cancelled && navigator.onLine) registration.active?.postMessage({ type: 'shown', url: location.href, assets: loadedBuildFiles() });
      } catch {
        // A browser that refuses service workers (private modes, some settings) still has all of Mend online.
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [pathname]);
  return null;
}

/**
 * A calm line on signed-in pages while the network is gone. The editor keeps working on its copy on
 * this device and shares the changes when the connection is back (use-collaboration-session.ts).
 */
export function OfflineMark() {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  if (online) return null;
  return (
    <p className="offline-mark" role="status" data-testid="offline-mark">
      <strong>Offline:</strong> your changes are kept on this device and will be shared when you are back online.
    </p>
  );
}
