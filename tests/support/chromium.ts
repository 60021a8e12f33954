/** Where the browser tests find Chromium. Playwright cannot download its own here; Debian's is used. */
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.MEND_CHROMIUM_PATH || '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath);
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const howToGetChromium = 'Browser tests skipped: no Chromium at ' + chromiumPath + '. Install it with `sudo apt-get install chromium` (or set MEND_CHROMIUM_PATH).';
