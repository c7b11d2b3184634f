import { describe, expect, test } from 'vitest';
import { KERNEL_PATH } from '../../common/kernelPath.ts';
import { PRELOAD_MARKER, preloadPaths, withModulePreloads, withPreloads } from '../../scripts/preload.ts';
import * as esbuild from 'esbuild';
import { buildSite, bundleOptions, firstScreenChunks, readStaticFiles, siteFile } from '../../scripts/site.ts';

const text = (body: Uint8Array | undefined): string => new TextDecoder().decode(body);

describe('index.html preloads what the first guess waits for', () => {
  test('the index, the default model and its weights, and the SIMD WASM, each a file of the site', async () => {
    const site = await readStaticFiles();
    const page = text(site.get('index.html')?.body);
    const preloaded = [...page.matchAll(/<link rel="preload" href="([^"]+)" as="fetch" crossorigin="anonymous">/g)].map((m) => m[1]);
    expect(preloaded).toEqual(['models/index.json', 'models/default/model.json', 'models/default/weights.bin', KERNEL_PATH]);
    for (const path of preloaded) expect(site.has(path ?? ''), path).toBe(true);
    expect(page).not.toContain(PRELOAD_MARKER);
    // before the bundle, so the downloads start together
    expect(page.indexOf('rel="preload"')).toBeLessThan(page.indexOf('src="main.js"'));
  });

  test('follow the index to another default model', async () => {
    const site = new Map(await readStaticFiles());
    const index = JSON.parse(text(site.get('models/index.json')?.body)) as { default: string };
    site.set('models/index.json', siteFile('models/index.json', new TextEncoder().encode(JSON.stringify({ ...index, default: 'seed' }))));
    expect(preloadPaths(site)).toEqual(['models/index.json', 'models/seed/model.json', 'models/seed/weights.bin', KERNEL_PATH]);
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

describe('index.html module-preloads the code the first screen runs', () => {
  /** The chunks a module imports statically (`import ... from "./x.js"`, `import "./x.js"`), as site paths, and theirs in turn. */
  function staticImports(site: ReadonlyMap<string, { readonly body: Uint8Array }>, path: string, seen = new Set<string>()): Set<string> {
    const folder = path.slice(0, path.lastIndexOf('/') + 1);
    for (const match of text(site.get(path)?.body).matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) {
      const imported = `${folder}${match[1] ?? ''}`;
      if (seen.has(imported)) continue;
      seen.add(imported);
      staticImports(site, imported, seen);
    }
    return seen;
  }

  test('every chunk main.js imports statically, and none it imports only when asked (import())', async () => {
    const site = await buildSite({ minify: true });
    const page = text(site.get('index.html')?.body);
    const preloaded = [...page.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1] ?? '');
    expect(preloaded.length).toBeGreaterThan(0);
    expect(new Set(preloaded)).toEqual(staticImports(site, 'main.js'));
    for (const path of preloaded) expect(site.has(path), path).toBe(true);
    const later = [...site.keys()].filter((path) => path.startsWith('chunks/') && path.endsWith('.js') && !preloaded.includes(path));
    // tfjs-layers, the WebGL backend, the modes' own libraries: fetched when first used
    expect(later.length).toBeGreaterThan(3);
    expect(page.indexOf('rel="modulepreload"')).toBeLessThan(page.indexOf('src="main.js"'));
  });

  test('teaching and tfjs-layers are not in it: a static import of one small export would put a whole module graph there', async () => {
    const { metafile } = await esbuild.build(bundleOptions({ minify: true }));
    if (metafile === undefined) throw new Error('esbuild gave no metafile');
    const first = new Set(['main.js', ...firstScreenChunks(metafile)]);
    const inputs = Object.entries(metafile.outputs)
      .filter(([output]) => first.has(output.replace(/^dist\//, '')))
      .flatMap(([, output]) => Object.keys(output.inputs));
    expect(inputs).toContain('game/modes/digits/teaching.ts');
    expect(inputs).not.toContain('common/personal/fineTune.ts');
    expect(inputs.filter((path) => path.includes('tfjs-layers'))).toEqual([]);
  });

  test('a page without the script tag of main.js is refused', () => {
    expect(() => withModulePreloads('<head></head>', ['chunks/a.js'])).toThrow('index.html has no <script type="module" src="main.js">');
  });
});
