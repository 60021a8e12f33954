/**
 * Web push for Mend's service worker. The service worker (/sw.js) must load this file with
 * `importScripts('/push-sw.js')`; it has no worker of its own.
 *
 * A push carries only { title, body, url }: the name the person chose for the app, one neutral
 * sentence ("Something new is waiting for you in …") and the app's front page, which asks them to
 * sign in (server/notices/notice-content.ts). Whatever else a payload might hold is never shown, so
 * nothing private can reach a lock screen even by mistake.
 */
self.addEventListener('push', function (event) {
  var data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = {};
  }
  var title = typeof data.title === 'string' && data.title ? data.title : 'Mend';
  var body = typeof data.body === 'string' && data.body ? data.body : 'Something new is waiting for you in ' + title;
  var url = typeof data.url === 'string' ? data.url : '/';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: body,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      // One notice on the screen at a time: a new one replaces the last instead of piling up.
      tag: 'mend-notice',
      data: { url: url },
    }),
  );
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var target = (event.notification.data && event.notification.data.url) || '/';
  // Only ever open this app's own pages.
  var url = new URL(target, self.location.origin);
  if (url.origin !== self.location.origin) url = new URL('/', self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
      for (var i = 0; i < windows.length; i++) {
        if (new URL(windows[i].url).origin === url.origin && 'focus' in windows[i]) {
          return windows[i].focus().then(function (client) {
            return client && 'navigate' in client ? client.navigate(url.href) : client;
          });
        }
      }
      return self.clients.openWindow(url.href);
    }),
  );
});
