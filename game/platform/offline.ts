/**
 * Registers the service worker the build adds (sw.js, made by scripts/offline.ts) so the game
 * installs and plays offline. Where there is none (`npm run dev`) or the browser refuses (a file://
 * page, private modes), the game simply stays online-only: nothing to tell the player.
 */
export function registerServiceWorker(navigator: Navigator, siteRoot: URL): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register(new URL('sw.js', siteRoot), { scope: siteRoot.pathname }).catch(() => undefined);
}
