/**
 * The shortest pause, fixed into each conversation when it is proposed. 20 minutes, always, in use.
 * MEND_PAUSE_MINIMUM_SECONDS exists only so end-to-end tests can walk through a pause without
 * waiting 20 minutes, and it is honoured only together with MEND_TEST_MODE=1: a server that people
 * use must never be started with a shorter pause by a stray variable. The integration tests show the
 * 20-minute default with an injected clock.
 */
import { PAUSE_MINIMUM_SECONDS_DEFAULT } from './conversation-machine';

type Env = Record<string, string | undefined>;

/** Why the pause setting cannot be used, in one line; null when it can. Checked by readConfig at start. */
export function pauseMinimumProblem(env: Env): string | null {
  const raw = env.MEND_PAUSE_MINIMUM_SECONDS;
  if (!raw) return null;
  if (env.MEND_TEST_MODE !== '1') {
    return 'MEND_PAUSE_MINIMUM_SECONDS shortens the 20-minute conversation pause and is for test runs only: unset it, or also set MEND_TEST_MODE=1 in a test run.';
  }
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1) return 'MEND_PAUSE_MINIMUM_SECONDS must be a whole number of seconds (test runs only).';
  return null;
}

export function configuredPauseMinimumSeconds(env: Env = process.env): number {
  const problem = pauseMinimumProblem(env);
  if (problem) throw new Error(problem);
  return env.MEND_PAUSE_MINIMUM_SECONDS ? Number(env.MEND_PAUSE_MINIMUM_SECONDS) : PAUSE_MINIMUM_SECONDS_DEFAULT;
}
