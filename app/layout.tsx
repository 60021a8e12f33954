import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { OfflineSupport } from './_components/offline-support';
import { QuickExit } from './_components/quick-exit';
import { scriptNonce } from './_lib/script-nonce';
import '@picocss/pico/css/pico.min.css';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Mend', template: '%s · Mend' },
  description: 'A private, shared space for two partners rebuilding trust.',
  robots: { index: false, follow: false },
  // The home-screen icon on iPhones and iPads, which do not read the manifest's icons.
  icons: { apple: '/icons/apple-touch-icon-180.png' },
  appleWebApp: { capable: true, title: 'Mend', statusBarStyle: 'default' },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  // The browser's bar matches the page: Mend follows the device's light or dark setting.
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#0f766e' },
    { media: '(prefers-color-scheme: dark)', color: '#121719' },
  ],
  colorScheme: 'light dark',
};

/** A page that gives nothing away if someone glances at the screen or the history. */
const DEFAULT_QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, never at build time: each response's Content-Security-Policy
  // carries a fresh script nonce (server/security-headers.ts) that Next must put on the page's scripts,
  // and a signed-in page must never be served from a cache.
  await connection();
  const nonce = await scriptNonce();
  return (
    <html lang="en">
      <head>
        {/* Zod, used by some forms in the browser, probes for `new Function` when its first schema is
            built; the policy forbids eval, so the probe is reported as a violation although it is
            caught. This setting (read from globalThis when zod loads) skips the probe, and must run
            before any of Mend's scripts. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: 'globalThis.__zod_globalConfig={jitless:true};' }} />
      </head>
      <body>
        {/* First, so it is the first thing Tab reaches on every page, signed in or not. */}
        <QuickExit to={process.env.MEND_QUICK_EXIT_URL || DEFAULT_QUICK_EXIT_URL} />
        <OfflineSupport />
        {children}
      </body>
    </html>
  );
}
