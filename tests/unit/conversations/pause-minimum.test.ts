import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../server/config';
import { configuredPauseMinimumSeconds } from '../../../server/domain/conversations/pause-minimum';

describe('the pause minimum setting', () => {
  it('is 20 minutes unless a test run shortens it', () => {
    expect(configuredPauseMinimumSeconds({})).toBe(1200);
    expect(configuredPauseMinimumSeconds({ MEND_PAUSE_MINIMUM_SECONDS: '' })).toBe(1200);
    expect(configuredPauseMinimumSeconds({ MEND_PAUSE_MINIMUM_SECONDS: '6', MEND_TEST_MODE: '1' })).toBe(6);
    expect(() => configuredPauseMinimumSeconds({ MEND_PAUSE_MINIMUM_SECONDS: 'soon', MEND_TEST_MODE: '1' })).toThrow(/whole number/);
  });

  it('is refused outside a test run, and the server does not start, with one clear line', () => {
    expect(() => configuredPauseMinimumSeconds({ MEND_PAUSE_MINIMUM_SECONDS: '6' })).toThrow(/test runs only/);
    expect(() => configuredPauseMinimumSeconds({ MEND_PAUSE_MINIMUM_SECONDS: '6', MEND_TEST_MODE: 'yes' })).toThrow(/MEND_TEST_MODE=1/);
    let message = '';
    try {
      readConfig({ MEND_PAUSE_MINIMUM_SECONDS: '6' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Mend cannot start: MEND_PAUSE_MINIMUM_SECONDS .* test runs only.*MEND_TEST_MODE=1/);
    expect(message).not.toContain('\n');
    expect(() => readConfig({ MEND_PAUSE_MINIMUM_SECONDS: '6', MEND_TEST_MODE: '1' })).not.toThrow();
    expect(() => readConfig({ MEND_PAUSE_MINIMUM_SECONDS: '0', MEND_TEST_MODE: '1' })).toThrow(/whole number of seconds/);
    expect(() => readConfig({})).not.toThrow();
  });
});
