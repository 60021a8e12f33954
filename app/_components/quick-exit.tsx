'use client';
import { useEffect } from 'react';

/**
 * Leaves Mend for a neutral page at once, replacing this page in the history so Back does not
 * return to it. Also on pressing Escape twice within a second.
 */
export function QuickExit({ to }: { to: string }) {
  useEffect(() => {
    let last = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const now = Date.now();
      if (now - last < 1000) window.location.replace(to);
      last = now;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [to]);
  return (
    <button type="button" className="quick-exit" onClick={() => window.location.replace(to)} title="Leave Mend now for a neutral page (or press Esc twice)">
      Quick exit
    </button>
  );
}
