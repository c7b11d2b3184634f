import { describe, expect, test } from 'vitest';
import { PRELOAD_MARKER, PRELOADED_WASM, preloadPaths, withPreloads } from '../../scripts/preload.ts';
import { readStaticFiles, siteFile } from '../../scripts/site.ts';

const text = (body: Uint8Array | undefined): string => new TextDecoder().decode(body);

describe('index.html preloads what the first guess waits for', () => {
  test('the index, the default model and its weights, and the SIMD WASM, each a file of the site', async () => {
    const site = await readStaticFiles();
    const page = text(site.get('index.html')?.body);
    const preloaded = [...page.matchAll(/<link rel="preload" href="([^"]+)" as="fetch" crossorigin="anonymous">/g)].map((m) => m[1]);
    expect(preloaded).toEqual(['models/index.json', 'models/default/model.json', 'models/default/weights.bin', PRELOADED_WASM]);
    for (const path of preloaded) expect(site.has(path ?? ''), path).toBe(true);
    expect(page).not.toContain(PRELOAD_MARKER);
    // before the bundle, so the downloads start together
    expect(page.indexOf('rel="preload"')).toBeLessThan(page.indexOf('src="main.js"'));
  });

  test('follow the index to another default model', async () => {
    const site = new Map(await readStaticFiles());
    const index = JSON.parse(text(site.get('models/index.json')?.body)) as { default: string };
    site.set('models/index.json', siteFile('models/index.json', new TextEncoder().encode(JSON.stringify({ ...index, default: 'seed' }))));
    expect(preloadPaths(site)).toEqual(['models/index.json', 'models/seed/model.json', 'models/seed/weights.bin', PRELOADED_WASM]);
  });

  test('a weight file the site lacks is an error at build time', async () => {
    const site = new Map(await readStaticFiles());
    site.delete('models/default/weights.bin');
    expect(() => preloadPaths(site)).toThrow('index.html would preload models/default/weights.bin, which the site does not have');
  });

  test('a page without the marker is refused', () => {
    expect(() => withPreloads('<head></head>', ['a.json'])).toThrow('index.html has no');
    expect(withPreloads(`<head>${PRELOAD_MARKER}</head>`, ['a b.json'])).toBe('<head><link rel="preload" href="a%20b.json" as="fetch" crossorigin="anonymous"></head>');
  });
});
