/**
 * The service worker, built into sw.js by scripts/offline.ts (an entry of its own, like main.ts).
 * It precaches the whole build under a cache named by the build's content hash and answers the
 * game's requests from it, so the game plays offline. A new build changes sw.js; the browser
 * installs it on a visit, it takes over at once and deletes the old cache, and the page reloads
 * into it (game/offline/register.ts). Large files only some players need (the replay set) are not
 * precached: they are cached the first time the page fetches them.
 */

import { CACHE_PREFIX, deleteGameCaches, type WorkerScope } from './workerScope.ts';

/** the build's content hash, put in by esbuild's define */
declare const PRECACHE_VERSION: string;
/** site paths relative to the worker's scope ('index.html', 'models/index.json'...) */
declare const PRECACHE_FILES: readonly string[];
/** site paths fetched only when the player asks for them, cached then */
declare const ON_DEMAND_FILES: readonly string[];

const CACHE = `${CACHE_PREFIX}${PRECACHE_VERSION}`;
const worker = self as unknown as WorkerScope;
const scope = worker.registration.scope;
const files = new Set(PRECACHE_FILES);
const onDemand = new Set(ON_DEMAND_FILES);

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
  if (files.has(path)) {
    event.respondWith(caches.match(new URL(path, scope).href, { cacheName: CACHE }).then((cached) => cached ?? fetch(request)));
  } else if (onDemand.has(path)) {
    event.respondWith(fromCacheOrKept(new URL(path, scope).href, request));
  }
});

/** An on-demand file: from the cache, else from the network and kept for the next time (offline). */
async function fromCacheOrKept(url: string, request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(url);
  if (cached !== undefined) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(url, response.clone());
  return response;
}
