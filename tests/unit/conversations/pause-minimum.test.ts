import { describe, expect, it } from 'vitest';
import { configuredPauseMinimumSeconds } from '../../../server/domain/conversations/pause-minimum';

describe('the pause minimum setting', () => {
  it('is 20 minutes unless a test shortens it', () => {
    expect(configuredPauseMinimumSeconds({})).toBe(1200);
    expect(configuredPauseMinimumSeconds({ MEND_PAUSE_MINIMUM_SECONDS: '' })).toBe(1200);
    expect(configuredPauseMinimumSeconds({ MEND_PAUSE_MINIMUM_SECONDS: '6' })).toBe(6);
    expect(() => configuredPauseMinimumSeconds({ MEND_PAUSE_MINIMUM_SECONDS: 'soon' })).toThrow(/whole number/);
  });
});
