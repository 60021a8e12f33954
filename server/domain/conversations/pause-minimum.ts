/**
 * The shortest pause, fixed into each conversation when it is proposed. 20 minutes, always, in use.
 * MEND_PAUSE_MINIMUM_SECONDS exists only so end-to-end tests can walk through a pause without
 * waiting 20 minutes; the integration tests show the 20-minute default with an injected clock.
 */
import { PAUSE_MINIMUM_SECONDS_DEFAULT } from './conversation-machine';

export function configuredPauseMinimumSeconds(env: Record<string, string | undefined> = process.env): number {
  const raw = env.MEND_PAUSE_MINIMUM_SECONDS;
  if (!raw) return PAUSE_MINIMUM_SECONDS_DEFAULT;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error('MEND_PAUSE_MINIMUM_SECONDS must be a whole number of seconds (tests only).');
  return seconds;
}
