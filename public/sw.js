/**
 * Mend's service worker: after one visit, Mend opens with no network. Which requests it keeps is
 * decided in /sw-rules.js (tested in tests/unit/offline/sw-rules.test.ts); docs/offline-and-install.md
 * explains the whole design.
 *
 * - An agreement or journal entry page: from the network; a copy of its HTML is kept and shown only
 *   when the network fails. That copy is served with the headers it came with, so its
 *   Content-Security-Policy nonce still matches the nonce on its scripts. The text itself is read from
 *   the editor's copy in IndexedDB, and the page says it is offline.
 * - Next's build files, icons, the manifest: from the cache when there, else from the network.
 * - Any other page: from the network; when that fails, a short page that says nothing of anyone.
 * - Everything else (/api/…, RSC payloads, the realtime connections, form posts): untouched.
 *
 * Signing out, Quick exit and opening the sign-in page delete every cache.
 */
importScripts('/sw-rules.js');

// Web push lives in its own file; a Mend without it must still get its offline worker.
try {
  importScripts('/push-sw.js');
} catch (error) {
  // No push support on this server: nothing else depends on it.
}

var rules = self.mendOfflineRules;
var CACHE_NAMES = rules.CACHE_NAMES;

self.addEventListener('install', function () {
  // A new version takes over at once: the rules only ever keep less, never more, than before.
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    (async function () {
      var current = Object.values(CACHE_NAMES);
      for (var name of await caches.keys()) {
        if (name.startsWith('mend-') && current.indexOf(name) === -1) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

function forgetEverything() {
  return caches.keys().then(function (keys) {
    return Promise.all(
      keys.map(function (key) {
        return caches.delete(key);
      }),
    );
  });
}

function fallbackPage() {
  return new Response(rules.FALLBACK_HTML, { status: 503, headers: rules.FALLBACK_HEADERS });
}

async function keep(cacheName, key, response) {
  var cache = await caches.open(cacheName);
  await cache.put(key, response);
  if (cacheName === CACHE_NAMES.static) {
    // Each build adds new file names; the oldest go first.
    var keys = await cache.keys();
    for (var i = 0; i < keys.length - rules.MAX_STATIC_FILES; i++) await cache.delete(keys[i]);
  }
}

async function clientPath(clientId) {
  if (!clientId) return '';
  var client = await self.clients.get(clientId);
  return client ? new URL(client.url).pathname : '';
}

async function offlinePage(event) {
  var request = event.request;
  try {
    var response = await fetch(request);
    if (rules.isKeepable(response)) event.waitUntil(keep(CACHE_NAMES.pages, rules.pageKey(request.url), response.clone()));
    return response;
  } catch (error) {
    var kept = await caches.match(rules.pageKey(request.url), { cacheName: CACHE_NAMES.pages, ignoreVary: true });
    return kept || fallbackPage();
  }
}

async function otherPage(event) {
  var pathname = new URL(event.request.url).pathname;
  // Anyone signed out lands on the sign-in page: from here on, nobody's pages stay on this device.
  if (rules.isSignedOutEntry(pathname)) event.waitUntil(forgetEverything());
  try {
    return await fetch(event.request);
  } catch (error) {
    return fallbackPage();
  }
}

async function staticFile(event) {
  var request = event.request;
  // caches.match, not caches.open: looking must not create an (empty) cache.
  var kept = await caches.match(request, { cacheName: CACHE_NAMES.static, ignoreVary: true });
  if (kept) return kept;
  var response = await fetch(request);
  if (rules.isKeepable(response)) {
    var copy = response.clone();
    event.waitUntil(
      clientPath(event.clientId).then(function (path) {
        if (rules.keepsStaticFor(path)) return keep(CACHE_NAMES.static, request, copy);
      }),
    );
  }
  return response;
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var kind = rules.cachingFor(request, self.location.origin);
  if (kind === 'page') return event.respondWith(offlinePage(event));
  if (kind === 'static') return event.respondWith(staticFile(event));
  if (request.mode === 'navigate' && request.method === 'GET' && new URL(request.url).origin === self.location.origin) {
    return event.respondWith(otherPage(event));
  }
});

/**
 * Messages from Mend's pages (app/_components/offline-support.tsx), sent on every page shown, with
 * the build files it loaded. What happens depends only on the page's address:
 * - the sign-in or sign-up page: nobody is signed in on this device any more; every cache goes;
 * - a signed-in page: its build files are kept (a first visit loads them before this worker controls
 *   the page), and an agreement's or journal entry's HTML is fetched again and kept (a client-side
 *   navigation never passes through this worker as a page load).
 */
self.addEventListener('message', function (event) {
  var data = event.data || {};
  var source = event.source;
  if (data.type !== 'shown' || !source || typeof data.url !== 'string') return;
  // The page's own address: a client's url can still be the one it was created with after a
  // client-side navigation. Only Mend's own pages can message this worker; the origin is checked anyway.
  var sourceUrl;
  try {
    sourceUrl = new URL(data.url);
  } catch (error) {
    return;
  }
  if (sourceUrl.origin !== self.location.origin) return;
  if (rules.isSignedOutEntry(sourceUrl.pathname)) {
    event.waitUntil(forgetEverything());
    return;
  }
  if (!rules.keepsStaticFor(sourceUrl.pathname)) return;
  event.waitUntil(
    (async function () {
      if (rules.isOfflinePage(sourceUrl.pathname) && sourceUrl.search === '') {
        try {
          var page = await fetch(sourceUrl.origin + sourceUrl.pathname, { credentials: 'same-origin', cache: 'no-store', redirect: 'manual' });
          if (rules.isKeepable(page)) await keep(CACHE_NAMES.pages, rules.pageKey(sourceUrl.href), page);
        } catch (error) {
          // Offline already: the page is kept the next time it is opened online.
        }
      }
      var assets = Array.isArray(data.assets) ? data.assets.slice(0, 200) : [];
      for (var asset of assets) {
        if (typeof asset !== 'string' || rules.cachingFor({ url: asset, method: 'GET', mode: 'no-cors' }, self.location.origin) !== 'static') continue;
        if (await caches.match(asset, { cacheName: CACHE_NAMES.static, ignoreVary: true })) continue;
        try {
          var response = await fetch(asset, { credentials: 'same-origin' });
          if (rules.isKeepable(response)) await keep(CACHE_NAMES.static, asset, response);
        } catch (error) {
          // One file that cannot be fetched now is fetched when it is next asked for.
        }
      }
      source.postMessage({ type: 'kept' });
    })(),
  );
});
