'use client';
import { QuickExit } from './_components/quick-exit';
import { DEFAULT_QUICK_EXIT_URL } from './_lib/quick-exit-url';

/**
 * Replaces the root layout when it fails, so it brings its own Quick exit: even a crash page must let
 * someone leave at once. The configured address (MEND_QUICK_EXIT_URL) is read on the server, which
 * this page may not reach, so it uses the default neutral page.
 */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem' }}>
        <QuickExit to={DEFAULT_QUICK_EXIT_URL} />
        <h1>Something went wrong</h1>
        <p>Mend could not show this page. Please try again.</p>
        <button type="button" onClick={() => reset()}>Try again</button>
      </body>
    </html>
  );
}
