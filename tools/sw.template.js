// Kalkyl's service worker, generated per build by tools/postbuild.mjs.
// App files are cached on install under a cache named by the build's
// content hash; activation deletes every other Kalkyl cache. Pages are
// network-first (so a new deploy is seen at once when online) and fall back
// to the cache offline; hashed assets are cache-first.
const VERSION = '__KALKYL_VERSION__';
const FILES = ['__KALKYL_FILES__'];
const CACHE = `kalkyl-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('kalkyl-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put('./', copy));
          }
          return response;
        })
        .catch(() =>
          caches.match('./', { cacheName: CACHE }).then((hit) => hit || caches.match('./index.html')),
        ),
    );
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit || fetch(request)),
  );
});
