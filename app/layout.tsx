import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import '@picocss/pico/css/pico.min.css';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Mend', template: '%s · Mend' },
  description: 'A private, shared space for two partners rebuilding trust.',
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" data-theme="light">
      <body>{children}</body>
    </html>
  );
}
