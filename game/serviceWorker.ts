/**
 * The service worker, built into sw.js by scripts/offline.ts (an entry of its own, like main.ts).
 * It precaches the whole build under a cache named by the build's content hash and answers the
 * game's requests from it, so the game plays offline. A new build changes sw.js; the browser
 * installs it on a visit, it takes over at once and deletes the old cache, and the visit after
 * that runs the new build.
 */

/** the build's content hash, put in by esbuild's define */
declare const PRECACHE_VERSION: string;
/** site paths relative to the worker's scope ('index.html', 'models/index.json'...) */
declare const PRECACHE_FILES: readonly string[];

/** The few parts of the worker's global scope used here (the DOM library types the page's). */
interface WaitingEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface RequestEvent extends WaitingEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: WaitingEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: RequestEvent) => void): void;
}

const CACHE_PREFIX = 'handwritten-digits-';
const CACHE = `${CACHE_PREFIX}${PRECACHE_VERSION}`;
const worker = self as unknown as WorkerScope;
const scope = worker.registration.scope;
const files = new Set(PRECACHE_FILES);

worker.addEventListener('install', (event) => {
  // 'reload' skips the HTTP cache, so a static host's max-age cannot mix an old file into a new build
  const requests = PRECACHE_FILES.map((path) => new Request(new URL(path, scope), { cache: 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)).then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name))))
    .then(() => worker.clients.claim()));
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
