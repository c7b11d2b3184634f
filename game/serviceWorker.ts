/**
 * The service worker, built into sw.js by scripts/offline.ts (an entry of its own, like main.ts).
 * It precaches the whole build under a cache named by the build's content hash and answers the
 * game's requests from it, so the game plays offline. A new build changes sw.js; the browser
 * installs it on a visit, it takes over at once and deletes the old cache, and the visit after
 * that runs the new build.
 */

import { CACHE_PREFIX, deleteGameCaches, type WorkerScope } from './platform/workerScope.ts';

/** the build's content hash, put in by esbuild's define */
declare const PRECACHE_VERSION: string;
/** site paths relative to the worker's scope ('index.html', 'models/index.json'...) */
declare const PRECACHE_FILES: readonly string[];

const CACHE = `${CACHE_PREFIX}${PRECACHE_VERSION}`;
const worker = self as unknown as WorkerScope;
const scope = worker.registration.scope;
const files = new Set(PRECACHE_FILES);

worker.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => worker.skipWaiting()));
});

/**
 * Every file of this build, fetched past every cache on the way (the browser's, a proxy's, a CDN's:
 * the version in the query string is new to all of them) so an old file cannot slip into a new
 * build, and stored under its plain URL. Any failure fails the install: the old build stays.
 */
async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  await Promise.all(PRECACHE_FILES.map(async (path) => {
    const url = new URL(path, scope);
    const fresh = new URL(url);
    fresh.searchParams.set('build', PRECACHE_VERSION);
    const response = await fetch(fresh, { cache: 'no-store' });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    await cache.put(url, response);
  }));
}

worker.addEventListener('activate', (event) => {
  event.waitUntil(deleteGameCaches(CACHE).then(() => worker.clients.claim()));
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return;
  const url = new URL(request.url);
  // the page at the scope's root, with or without a query string, is index.html
  const path = decodeURIComponent(url.pathname.slice(new URL(scope).pathname.length)) || 'index.html';
  if (!files.has(path)) return;
  event.respondWith(caches.match(new URL(path, scope).href, { cacheName: CACHE }).then((cached) => cached ?? fetch(request)));
});
