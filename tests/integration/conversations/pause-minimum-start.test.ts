/**
 * A shorter conversation pause is for test runs only: a server started with
 * MEND_PAUSE_MINIMUM_SECONDS but without MEND_TEST_MODE=1 refuses to start, saying why in one line.
 */
import { describe, expect, it } from 'vitest';
import { startMendProcess } from '../../support/mend-process';

describe('starting Mend with a shortened pause', () => {
  it('refuses outside a test run, with one clear line and no stack trace', async () => {
    const started = startMendProcess({ env: { MEND_WEB: 'off', MEND_PAUSE_MINIMUM_SECONDS: '6', MEND_TEST_MODE: '' }, timeoutMs: 25_000 });
    const error = await started.then(
      async (mend) => {
        await mend.stop();
        return null;
      },
      (reason: Error) => reason,
    );
    expect(error?.message).toContain('Mend exited with code 1 before starting');
    const output = error!.message.split('\n').slice(1).join('\n').trim();
    expect(output).toBe(
      'Mend cannot start: MEND_PAUSE_MINIMUM_SECONDS shortens the 20-minute conversation pause and is for test runs only: unset it, or also set MEND_TEST_MODE=1 in a test run.',
    );
  }, 30_000);
});
