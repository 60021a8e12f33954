/**
 * Which requests Mend's service worker (public/sw.js) keeps on this device, as plain functions so
 * tests/unit/offline/sw-rules.test.ts can check them without a browser. Loaded into the worker with
 * importScripts; it only defines `self.mendOfflineRules`.
 *
 * Two caches, both deleted when someone signs out or uses Quick exit (and when the sign-in page
 * opens: then nobody is signed in on this device):
 * - "static": Next's build files (/_next/static/…, named by their content, the same for everyone),
 *   the icons and the manifest. Kept only for pages of the signed-in sections, so a device where
 *   nobody is signed in keeps nothing at all.
 * - "pages": the HTML of the agreements and journal entries this person opened, to be shown only when
 *   the network fails; the text itself comes from the editor's copy in IndexedDB (y-indexeddb).
 *
 * Nothing else is kept: not the other pages (they are rendered per request and never stored), not
 * /api/…, not Next's RSC payloads of client-side navigations.
 */
(function (scope) {
  var VERSION = 'v1';
  var CACHE_NAMES = { static: 'mend-static-' + VERSION, pages: 'mend-pages-' + VERSION };

  var UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
  /** Pages whose text lives in a document with an offline copy: an agreement and a journal entry. */
  var OFFLINE_PAGE = new RegExp('^/(agreements|journal)/' + UUID + '$', 'i');
  /** The sections that are only for signed-in people (app/(space)/…). */
  var SIGNED_IN_SECTION = /^\/(home|space|agreements|journal|notes|conversations|amends|commitments|experiences|account)(\/|$)/;
  /** Pages that mean nobody is signed in on this device (anyone signed out is sent there). */
  var SIGNED_OUT_ENTRY = /^\/(sign-in|sign-up)(\/|$)/;
  var STATIC_FILE = /^\/(_next\/static\/.+|icons\/[a-z0-9-]+\.png|manifest\.webmanifest)$/;

  function isOfflinePage(pathname) {
    return OFFLINE_PAGE.test(pathname);
  }
  function isSignedInSection(pathname) {
    return SIGNED_IN_SECTION.test(pathname);
  }
  function isSignedOutEntry(pathname) {
    return SIGNED_OUT_ENTRY.test(pathname);
  }

  /**
   * What to do with one request: 'page' (network first, a copy kept for when the network fails),
   * 'static' (from the cache when there, else from the network and kept), or null (the worker stays
   * out of the way and the browser does what it always does).
   *
   * request: { url, method, mode } of the request; origin: the worker's origin. A static file is
   * served from the cache for any page, but only kept for pages of the signed-in sections
   * (keepsStaticFor), so a device where nobody is signed in stores nothing.
   */
  function cachingFor(request, origin) {
    if (request.method !== 'GET') return null;
    var url;
    try {
      url = new URL(request.url);
    } catch (error) {
      return null;
    }
    if (url.origin !== origin) return null;
    if (request.mode === 'navigate') {
      // A query asks for something other than the page itself (an old version, a form's answer).
      return isOfflinePage(url.pathname) && url.search === '' ? 'page' : null;
    }
    if (STATIC_FILE.test(url.pathname)) return 'static';
    return null;
  }

  /** Whether a static file asked for by the page at `clientPath` may be kept. */
  function keepsStaticFor(clientPath) {
    return isSignedInSection(clientPath || '');
  }

  /** The key a kept page is stored under: its address without query or fragment. */
  function pageKey(url) {
    var parsed = new URL(url);
    return parsed.origin + parsed.pathname;
  }

  /** Whether a response from the network may be kept: a full page or file, not a redirect or an error. */
  function isKeepable(response) {
    return Boolean(response) && response.status === 200 && response.type === 'basic' && !response.redirected;
  }

  /** The page shown when the network fails and this page was not kept: it says nothing of anyone. */
  var FALLBACK_HTML =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Offline · Mend</title><style>body{font-family:system-ui,sans-serif;background:#f6f8f7;color:#1f2d2b;margin:0;padding:3rem 1.5rem}' +
    'main{max-width:34rem;margin:0 auto}h1{font-size:1.5rem;color:#0f766e}</style></head><body><main>' +
    '<h1>You are offline</h1><p>This page is not kept on this device, so it cannot be shown without a network.</p>' +
    '<p>Agreements and journal entries you opened here while signed in can be read and edited offline until you sign out. Everything else comes back when you are online again.</p>' +
    '</main></body></html>';
  var FALLBACK_HEADERS = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The fallback runs no script at all.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    'referrer-policy': 'no-referrer',
  };

  scope.mendOfflineRules = {
    CACHE_NAMES: CACHE_NAMES,
    cachingFor: cachingFor,
    isKeepable: isKeepable,
    keepsStaticFor: keepsStaticFor,
    pageKey: pageKey,
    MAX_STATIC_FILES: 400,
    isOfflinePage: isOfflinePage,
    isSignedInSection: isSignedInSection,
    isSignedOutEntry: isSignedOutEntry,
    FALLBACK_HTML: FALLBACK_HTML,
    FALLBACK_HEADERS: FALLBACK_HEADERS,
  };
})(self);
