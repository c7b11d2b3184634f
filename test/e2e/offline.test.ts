import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDevServer } from '../../scripts/devServer.ts';
import { siteVersion } from '../../scripts/offline.ts';
import { startServer, type RunningServer } from '../../scripts/server.ts';
import { addServiceWorker, buildSite, siteFile, type Site } from '../../scripts/site.ts';
import { launchChromium, type Browser, skipReason, suiteTitle } from './harness.ts';
import { drawStrokes, openGame, settledPrediction } from '../../scripts/browser/draw.ts';
import { MNIST_DIR, mnistTestDigitsAt } from '../../scripts/browser/mnistDigits.ts';
import { traceStrokes } from '../../scripts/browser/strokes.ts';

const SKIP_REASON = skipReason({ models: true, mnist: true });

/** The same build with a different default model in models/index.json, and so a new sw.js. */
async function rebuiltWithSeedModel(site: Site): Promise<Map<string, { readonly body: Uint8Array; readonly type: string }>> {
  const changed = new Map(site);
  const index = JSON.parse(new TextDecoder().decode(site.get('models/index.json')?.body)) as { default: string };
  changed.set('models/index.json', siteFile('models/index.json', new TextEncoder().encode(JSON.stringify({ ...index, default: 'seed' }))));
  await addServiceWorker(changed, { minify: true });
  return changed;
}

async function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(() => caches.keys());
}

/** Resolves once a service worker controls the page, with its precache complete (install waits for it). */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Waits until `name` is the page's only cache: the new worker has precached, taken over and deleted the old one. */
async function onlyCache(page: Page, name: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  let names = await cacheNames(page);
  while (names.join() !== name) {
    if (Date.now() > deadline) throw new Error(`caches are ${JSON.stringify(names)}, expected only ${name}`);
    await new Promise((done) => setTimeout(done, 200));
    names = await cacheNames(page);
  }
}

/**
 * Waits until the page has no cache, no worker registered and none controlling it. The retiring
 * worker reloads the page on the way, so a reading may meet a page being replaced: it is retried.
 */
async function untilRetired(page: Page): Promise<void> {
  const deadline = Date.now() + 120_000;
  let state = 'unread';
  while (Date.now() < deadline) {
    state = await page.evaluate(async () => JSON.stringify({
      caches: await caches.keys(),
      registrations: (await navigator.serviceWorker.getRegistrations()).length,
      controlled: navigator.serviceWorker.controller !== null,
    })).catch((error: unknown) => `mid-navigation: ${String(error)}`);
    if (state === JSON.stringify({ caches: [], registrations: 0, controlled: false })) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`the worker was not retired: ${state}`);
}

/** Waits, across the page's own reload, until it has loaded `model` and is ready; then free draw. */
async function untilPlaying(page: Page, model: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  let seen: string | null = null;
  while (Date.now() < deadline) {
    seen = await page.evaluate(async () => {
      const api = window.handwrittenDigits;
      if (api === undefined) return null;
      await api.ready();
      return api.modelName();
    }).catch(() => null);
    if (seen === model) break;
    await new Promise((done) => setTimeout(done, 200));
  }
  if (seen !== model) throw new Error(`the page plays ${String(seen)}, expected ${model}`);
  await page.keyboard.press('f');
  await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'free');
}

async function readsDigit(page: Page, pixels: Float32Array): Promise<number | null> {
  await page.keyboard.press('Escape');
  await drawStrokes(page, traceStrokes(pixels, 28, 28), { size: 28, via: 'events' });
  await page.keyboard.press('Enter');
  return (await settledPrediction(page)).digit;
}

describe.skipIf(SKIP_REASON !== null)(suiteTitle('installed and offline', SKIP_REASON), () => {
  let browser: Browser;
  let server: RunningServer | null = null;
  /** the first test's page and origin: the second one finds its worker there */
  let installed: { readonly page: Page; readonly port: number; readonly url: string } | null = null;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await server?.close();
    expect(pageErrors).toEqual([]);
  });

  test('played once, it loads and predicts with the server stopped; a rebuild with another model is served on the next visit', { timeout: 300_000 }, async () => {
    const [seven] = await mnistTestDigitsAt([0], MNIST_DIR ?? '');
    if (seven === undefined) throw new Error('no MNIST test image #0');
    const first = await buildSite({ minify: true, offline: true });
    server = await startServer({ site: first, port: 0 });
    const { port, url } = server;
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await openGame(page, url);
    await controlled(page);
    expect(await cacheNames(page)).toEqual([`handwritten-digits-${siteVersion(first)}`]);
    // the other listed models are not downloaded on a first visit; picked once, they are kept
    const inCache = (path: string): Promise<boolean> => page.evaluate(async (at) => (await caches.match(at)) !== undefined, `${url}${path}`);
    expect(await inCache('models/default/weights.bin')).toBe(true);
    expect(await inCache('models/seed/weights.bin')).toBe(false);
    await openGame(page, `${url}?model=seed`);
    expect(await page.evaluate(() => window.handwrittenDigits?.modelName())).toBe('seed');
    expect(await inCache('models/seed/weights.bin')).toBe(true);

    await server.close();
    server = null;
    expect(await page.evaluate(async (at) => fetch(at).then(() => 'answered', () => 'unreachable'), `${url}no-such-file`)).toBe('unreachable');
    await page.reload();
    await openGame(page, url);
    expect(await page.evaluate(() => window.handwrittenDigits?.modelName())).toBe('default');
    expect(await readsDigit(page, seven.pixels)).toBe(seven.label);
    await openGame(page, `${url}?model=seed`);
    expect(await page.evaluate(() => window.handwrittenDigits?.modelName())).toBe('seed');
    expect(await readsDigit(page, seven.pixels)).toBe(seven.label);

    // a new build on the same origin: the visit that finds it reloads itself into it once the new
    // worker has precached it, taken over and deleted the old cache
    const second = await rebuiltWithSeedModel(first);
    expect(siteVersion(second)).not.toBe(siteVersion(first));
    server = await startServer({ site: second, port });
    await page.goto(url);
    await untilPlaying(page, 'seed');
    await onlyCache(page, `handwritten-digits-${siteVersion(second)}`);
    expect(await readsDigit(page, seven.pixels)).toBe(seven.label);

    // and the new build plays offline too
    await server.close();
    server = null;
    await page.reload();
    await openGame(page, url);
    expect(await page.evaluate(() => window.handwrittenDigits?.modelName())).toBe('seed');
    installed = { page, port, url };
  });

  test('npm run dev on the same port retires the installed worker: its caches go and the page reloads from the dev server', { timeout: 180_000 }, async () => {
    if (installed === null) throw new Error('needs the first test\'s installed worker');
    const { page, port, url } = installed;
    const dev = await startDevServer({ port, log: () => undefined });
    try {
      await page.reload();
      await untilRetired(page);
      await openGame(page, url);
      // the dev server's own models/index.json, not the cached build's
      expect(await page.evaluate(() => window.handwrittenDigits?.modelName())).toBe('default');
    } finally {
      await dev.close();
    }
    await page.close();
  });
});
