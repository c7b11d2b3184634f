/**
 * Registers the service worker the build adds (sw.js, made by scripts/offline.ts) so the game
 * installs and plays offline. Where there is none (`npm run dev`) or the browser refuses (a file://
 * page, private modes), the game simply stays online-only: nothing to tell the player.
 */
export function registerServiceWorker(navigator: Navigator, siteRoot: URL): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register(new URL('sw.js', siteRoot), { scope: siteRoot.pathname }).catch(() => undefined);
}

/**
 * A page served by one build's worker that sees another build's worker take over (it has precached
 * the new build and deleted the old cache) reloads once, so a new build is what the visit that
 * finds it plays. Called before anything else loads: the browser checks for a new worker on every
 * navigation, before the game asks it to. A first install (no worker before) changes nothing.
 */
export function reloadOnNewBuild(navigator: Navigator, reload: () => void): void {
  if (!('serviceWorker' in navigator) || navigator.serviceWorker.controller === null) return;
  let reloaded = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloaded) return;
    reloaded = true;
    reload();
  });
}
