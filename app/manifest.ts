import type { MetadataRoute } from 'next';

/**
 * The web app manifest (served at /manifest.webmanifest, linked from every page by Next), so Mend can
 * be put on a phone's home screen and open in a window of its own, in the same calm colours as the
 * pages (app/globals.css: --mend-calm-bg and --pico-primary). The icons are made from app/icon.svg by
 * scripts/make-app-icons.mjs.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    // The app's identity since it was first installable: changing it would make installed copies a different app.
    id: '/space',
    name: 'Mend',
    short_name: 'Mend',
    description: 'A private, shared space for two partners rebuilding trust.',
    start_url: '/home',
    scope: '/',
    display: 'standalone',
    background_color: '#f6f8f7',
    theme_color: '#0f766e',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
