/**
 * Entanglement's service worker: it only shows the notifications the server
 * pushes (docs/client.md, "Notifications") and opens the match when one is
 * clicked. It caches nothing. Served as is from client/public (not bundled).
 */

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let notice = {};
  try {
    notice = event.data ? event.data.json() : {};
  } catch {
    // Not ours, or garbled: shown with the game's name only.
  }
  const text = (value, fallback) => (typeof value === 'string' ? value : fallback);
  event.waitUntil(
    self.registration.showNotification(text(notice.title, 'Entanglement'), {
      body: text(notice.body, ''),
      // One notification per match: a newer one replaces the older.
      tag: text(notice.tag, 'entanglement'),
      renotify: true,
      icon: '/favicon.svg',
      data: { url: text(notice.url, '/mine') },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const asked = new URL(event.notification.data?.url ?? '/mine', self.location.origin);
  // Only ever a page of this server.
  const url = asked.origin === self.location.origin ? asked.href : `${self.location.origin}/mine`;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url === url);
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});
