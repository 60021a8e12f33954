import { describe, expect, it } from 'vitest';
import { describeLastSeen, describeUserAgent } from '../../../server/auth/device-description';

describe('device descriptions', () => {
  it('names the browser and system, nothing more', () => {
    const cases: Array<[string, string]> = [
      ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36', 'Chrome on Linux'],
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0', 'Edge on Windows'],
      ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 'Safari on macOS'],
      ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 'Safari on iPhone'],
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox on Windows'],
      ['Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36', 'Samsung Internet on Android'],
      ['curl/8.5.0', 'An unknown browser'],
      ['', 'An unknown browser'],
    ];
    for (const [ua, expected] of cases) expect(describeUserAgent(ua)).toBe(expected);
    expect(describeUserAgent(null)).toBe('An unknown browser');
  });

  it('says roughly when a device was last used', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms);
    expect(describeLastSeen(ago(60_000), now)).toBe('active now');
    expect(describeLastSeen(ago(30 * 60_000), now)).toBe('within the last hour');
    expect(describeLastSeen(ago(90 * 60_000), now)).toBe('about an hour ago');
    expect(describeLastSeen(ago(5 * 3600_000), now)).toBe('about 5 hours ago');
    expect(describeLastSeen(ago(30 * 3600_000), now)).toBe('yesterday');
    expect(describeLastSeen(ago(4 * 86_400_000), now)).toBe('4 days ago');
    expect(describeLastSeen(ago(20 * 86_400_000), now)).toBe('2 weeks ago');
  });
});
