/**
 * The few parts of a service worker's global scope our workers use, typed here because the project
 * compiles against the DOM library (the page's types), not the WebWorker one.
 */
export interface WaitingEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}

export interface RequestEvent extends WaitingEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

export interface WindowClient {
  readonly url: string;
  navigate(url: string): Promise<unknown>;
}

export interface WorkerScope {
  readonly registration: { readonly scope: string; unregister(): Promise<boolean> };
  readonly clients: { claim(): Promise<void>; matchAll(options: { readonly type: 'window' }): Promise<readonly WindowClient[]> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: WaitingEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: RequestEvent) => void): void;
}

/** Every cache the game's worker makes starts with this; the build's hash follows. */
export const CACHE_PREFIX = 'handwritten-digits-';

/** Deletes the game's caches except `keep` (null: all of them); says how many went. */
export async function deleteGameCaches(keep: string | null): Promise<number> {
  const names = (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && name !== keep);
  await Promise.all(names.map((name) => caches.delete(name)));
  return names.length;
}
