import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import { ICON_SIZES } from '../../scripts/icons.ts';
import { onDemandPaths, optionalModelFolders, precachedPaths, SERVICE_WORKER_PATH, siteVersion } from '../../scripts/offline.ts';
import { addServiceWorker, buildSite, siteFile, type Site } from '../../scripts/site.ts';

let built: Promise<Site> | null = null;
function offlineSite(): Promise<Site> {
  built ??= buildSite({ minify: true, offline: true });
  return built;
}

describe('the installable site', () => {
  test('sw.js precaches what the game plays with: page, code, fonts, the game kernel and tfjs wasm, model index, the default model and the piece verifier, manifest, icons', async () => {
    const site = await offlineSite();
    const sw = new TextDecoder().decode(site.get(SERVICE_WORKER_PATH)?.body);
    const listed = precachedPaths(site.keys(), optionalModelFolders(site));
    expect(listed).not.toContain(SERVICE_WORKER_PATH);
    for (const path of ['index.html', 'main.js', 'manifest.webmanifest', 'icons/icon-192.png', 'icons/icon-512.png',
      'kernels/conv.wasm', 'tfjs/tfjs-backend-wasm.wasm', 'tfjs/tfjs-backend-wasm-simd.wasm', 'models/index.json', 'models/default/model.json']) {
      expect(listed, path).toContain(path);
    }
    expect(listed.filter((path) => path.startsWith('fonts/') && path.endsWith('.woff2')).length).toBeGreaterThan(0);
    expect(listed.filter((path) => path.startsWith('models/') && path.endsWith('.bin')).length).toBeGreaterThan(0);
    for (const path of listed) expect(sw, path).toContain(JSON.stringify(path));
    expect(sw).toContain(siteVersion(site));
  });

  test('the replay set and Train\'s worker and digits are not precached (fetched only to teach or train) but the worker knows to keep them', async () => {
    const site = await offlineSite();
    const onDemand = ['replay/mnist-replay.bin', 'train/mnist-train.bin', 'train/worker.js'];
    for (const path of onDemand) {
      expect(site.has(path), path).toBe(true);
      expect(precachedPaths(site.keys())).not.toContain(path);
      expect(new TextDecoder().decode(site.get(SERVICE_WORKER_PATH)?.body)).toContain(JSON.stringify(path));
    }
    expect(onDemandPaths(site.keys())).toEqual(onDemand);
  });

  test('the other listed models are cached when first picked, not on a first visit; the default is precached, whichever it is', async () => {
    const site = await offlineSite();
    const seed = [...site.keys()].filter((path) => path.startsWith('models/seed/'));
    expect(seed).toContain('models/seed/weights.bin');
    expect(optionalModelFolders(site)).toEqual(['models/seed/']);
    const sw = new TextDecoder().decode(site.get(SERVICE_WORKER_PATH)?.body);
    expect(precachedPaths(site.keys(), optionalModelFolders(site))).toEqual(expect.arrayContaining(['models/default/weights.bin', 'models/pieces/weights.bin']));
    for (const path of seed) {
      expect(precachedPaths(site.keys(), optionalModelFolders(site))).not.toContain(path);
      expect(onDemandPaths(site.keys(), optionalModelFolders(site))).toContain(path);
      // the worker knows to keep it when it is fetched
      expect(sw).toContain(JSON.stringify(path));
    }
    // the seed made the default: it is precached and the former default waits to be picked
    const swapped = new Map(site);
    const index = JSON.parse(new TextDecoder().decode(site.get('models/index.json')?.body)) as { default: string };
    swapped.set('models/index.json', siteFile('models/index.json', new TextEncoder().encode(JSON.stringify({ ...index, default: 'seed' }))));
    expect(optionalModelFolders(swapped)).toEqual(['models/default/']);
    expect(precachedPaths(swapped.keys(), optionalModelFolders(swapped))).toContain('models/seed/weights.bin');
  });

  test('the version follows the content: a changed model byte makes a new version and a new sw.js', async () => {
    const site = await offlineSite();
    const changed = new Map(site);
    const index = site.get('models/index.json');
    if (index === undefined) throw new Error('the site has no models/index.json');
    changed.set('models/index.json', siteFile('models/index.json', new TextEncoder().encode(new TextDecoder().decode(index.body).replace('"default": "default"', '"default": "seed"'))));
    expect(siteVersion(changed)).not.toBe(siteVersion(site));
    await addServiceWorker(changed, { minify: true });
    expect(new TextDecoder().decode(changed.get(SERVICE_WORKER_PATH)?.body)).toContain(siteVersion(changed));
    expect(changed.get(SERVICE_WORKER_PATH)?.body).not.toEqual(site.get(SERVICE_WORKER_PATH)?.body);

    // sw.js itself and source maps are not content: the same build hashes the same
    const same = new Map(site);
    same.set('main.js.map', siteFile('main.js.map', new Uint8Array([1, 2, 3])));
    same.delete(SERVICE_WORKER_PATH);
    expect(siteVersion(same)).toBe(siteVersion(site));
  });

  test('the manifest names icons that exist, as PNGs of their stated size', async () => {
    const site = await offlineSite();
    const manifest = JSON.parse(new TextDecoder().decode(site.get('manifest.webmanifest')?.body)) as {
      start_url: string;
      icons: { src: string; sizes: string; type: string }[];
    };
    expect(manifest.start_url).toBe('./');
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(ICON_SIZES.map((size) => `${size}x${size}`));
    for (const icon of manifest.icons) {
      const file = site.get(icon.src);
      expect(file?.type, icon.src).toBe('image/png');
      const png = PNG.sync.read(Buffer.from(file?.body ?? new Uint8Array()));
      expect(`${png.width}x${png.height}`).toBe(icon.sizes);
      // the digit is drawn: the accent colour is present, not a plain square
      const centreRow = Math.round(png.height * 0.32) * png.width * 4;
      const row = Array.from({ length: png.width }, (_, x) => png.data[centreRow + x * 4 + 2] ?? 0);
      expect(Math.max(...row)).toBeGreaterThan(0xf0);
    }
  });

  test('the plain site (benches, most e2e tests) has no service worker', async () => {
    const site = await buildSite({ minify: true });
    expect(site.has(SERVICE_WORKER_PATH)).toBe(false);
    expect(site.has('manifest.webmanifest')).toBe(true);
  });
});
