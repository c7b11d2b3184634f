/**
 * `npm run dev`'s sw.js (an entry of its own, built by scripts/offline.ts). `npm start` and
 * `npm run dev` share a port, so a worker `npm start` installed would keep serving its cached build
 * in place of the one being edited. This one replaces it, deletes the game's caches, unregisters
 * itself and reloads the pages the old build served, which from then on talk to the dev server.
 */
import { deleteGameCaches, type WorkerScope } from './workerScope.ts';

const worker = self as unknown as WorkerScope;

worker.addEventListener('install', (event) => {
  event.waitUntil(worker.skipWaiting());
});

worker.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const retired = await deleteGameCaches(null);
    await worker.clients.claim();
    await worker.registration.unregister();
    // only pages an installed build served need reloading; the dev page registers this worker on
    // every load, and reloading it each time would never end
    if (retired === 0) return;
    for (const client of await worker.clients.matchAll({ type: 'window' })) await client.navigate(client.url);
  })());
});
