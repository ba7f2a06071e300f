// Keeps a carer's round usable with no signal: the round page is fetched from Homeward when there is a connection
// (and its latest copy kept), and the kept copy is shown when there is none. The site's styles and scripts are kept
// as they are fetched. Signing out, or a round that answers with the sign-in page, drops the kept copy.
const CACHE = 'homeward-round-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

const isAsset = (url) => url.origin === self.location.origin && /^\/(css|js|lib|assets)\//.test(url.pathname);

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname === '/my-day') {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        if (response.ok && !response.redirected && new URL(response.url).pathname === '/my-day') {
          await cache.put(request, response.clone());
        } else if (response.redirected) {
          await caches.delete(CACHE);
        }
        return response;
      } catch {
        return (await cache.match(request)) || (await cache.match('/my-day')) || Response.error();
      }
    })());
    return;
  }
  if (isAsset(url)) {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        if (response.ok) await cache.put(request, response.clone());
        return response;
      } catch {
        return (await cache.match(request)) || Response.error();
      }
    })());
  }
});

self.addEventListener('message', (event) => {
  if (event.data === 'signed-out') event.waitUntil(caches.delete(CACHE));
});
