'use client';
import { usePathname } from 'next/navigation';
import { useEffect } from 'react';
import { forgetThisDeviceNow, rememberLocalDatabases } from '../_lib/forget-this-device';

/** The second Escape must follow the first within this time: one stray press does nothing. */
const DOUBLE_ESCAPE_MS = 1000;

let left = false;

/**
 * Leaves Mend at once for a neutral page, for someone who is suddenly not alone. Leaving never waits:
 * the page hides itself, the browser is sent away (replacing this page in the history), and the
 * clean-up runs alongside: a beacon asks the server to end this device's session (it is delivered
 * even after the page is gone), and this device's offline copies and stored keys are erased, as
 * signing out does. Pages are never kept in the browser's cache (Cache-Control: no-store), so Back
 * shows nothing signed in.
 */
function leaveNow(to: string): void {
  left = true;
  // Nothing stays on screen while the neutral page loads, however slow the network is.
  document.documentElement.style.visibility = 'hidden';
  const sent = typeof navigator.sendBeacon === 'function' && navigator.sendBeacon('/api/quick-exit');
  if (!sent) void fetch('/api/quick-exit', { method: 'POST', keepalive: true, credentials: 'same-origin' }).catch(() => undefined);
  void forgetThisDeviceNow();
  window.location.replace(to);
}

/**
 * On every page, first in the tab order, in a slim bar of its own at the top that stays in view
 * while scrolling, so it never sits over what someone is reading or typing. Escape twice within a
 * second does the same from anywhere, even inside the editor.
 */
export function QuickExit({ to }: { to: string }) {
  const pathname = usePathname();
  useEffect(() => {
    void rememberLocalDatabases();
  }, [pathname]);

  useEffect(() => {
    let lastEscape = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const now = Date.now();
      if (now - lastEscape < DOUBLE_ESCAPE_MS) {
        event.preventDefault();
        leaveNow(to);
        return;
      }
      lastEscape = now;
      // The first press is the moment to learn which copies exist, so the second can delete them at once.
      void rememberLocalDatabases();
    };
    // A page restored from the back-forward cache after leaving is not shown again: reloading asks
    // the server, which no longer knows this device.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted && left) window.location.reload();
    };
    // Capture phase: the editor and dialogs handle Escape themselves and may stop it from bubbling.
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pageshow', onPageShow);
    };
  }, [to]);

  return (
    // A landmark of its own, so screen-reader users find it among the page's regions too.
    <aside className="quick-exit-bar" aria-label="Quick exit">
      <span className="quick-exit-hint">To leave quickly, press Esc twice.</span>
      <button
        type="button"
        className="quick-exit"
        onPointerDown={() => void rememberLocalDatabases()}
        onFocus={() => void rememberLocalDatabases()}
        onClick={() => leaveNow(to)}
        title="Leave Mend now for a neutral page (or press Esc twice)"
      >
        Quick exit
      </button>
    </aside>
  );
}
