'use client';
import { isTooLongToSaveError, TOO_LONG_TO_SAVE_MESSAGE } from '@/server/action-body-limit';

/** Shown when a page fails unexpectedly. The details go to the server log, never to the screen. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // A form too large for the server is not a failure of Mend's: say what happened and that nothing was saved.
  if (isTooLongToSaveError(error)) {
    return (
      <main className="container narrow">
        <h1>Too long to save</h1>
        <p role="alert">{TOO_LONG_TO_SAVE_MESSAGE}</p>
        <button type="button" onClick={() => reset()}>Go back to the form</button>
      </main>
    );
  }
  return (
    <main className="container narrow">
      <h1>Something went wrong</h1>
      <p>This page could not be shown. Nothing you wrote has been lost: it is saved as you go.</p>
      <button type="button" onClick={() => reset()}>Try again</button>
    </main>
  );
}
