'use client';

/** Shown when a page fails unexpectedly. The details go to the server log, never to the screen. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="container narrow">
      <h1>Something went wrong</h1>
      <p>This page could not be shown. Nothing you wrote has been lost: it is saved as you go.</p>
      <button type="button" onClick={() => reset()}>Try again</button>
    </main>
  );
}
