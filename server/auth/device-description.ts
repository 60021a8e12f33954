/**
 * How a signed-in device is described in the person's list of devices: "Firefox on Windows", "last
 * seen 3 hours ago". Only the browser family and operating system are kept from the User-Agent
 * header (never versions or the raw string), which is enough to recognise one's own devices.
 */
const BROWSERS: Array<[RegExp, string]> = [
  // Order matters: Edge, Opera and Samsung Internet also say "Chrome", and Chrome also says "Safari".
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\b(?:HeadlessChrome|Chrome|Chromium|CriOS)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const SYSTEMS: Array<[RegExp, string]> = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

export function describeUserAgent(userAgent: string | null | undefined): string {
  const ua = userAgent ?? '';
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `A browser on ${system}`;
  return 'An unknown browser';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Approximate on purpose: last-seen times are only written every few minutes (see SESSION_SEEN_EVERY_MS),
 * and a precise time would say more about someone's habits than "which device is this" needs.
 */
export function describeLastSeen(lastSeenAt: Date, now: Date): string {
  const ago = now.getTime() - lastSeenAt.getTime();
  if (ago < 10 * MINUTE) return 'active now';
  if (ago < HOUR) return 'within the last hour';
  if (ago < DAY) {
    const hours = Math.floor(ago / HOUR);
    return hours === 1 ? 'about an hour ago' : `about ${hours} hours ago`;
  }
  const days = Math.floor(ago / DAY);
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  return `${Math.floor(days / 7)} weeks ago`;
}
