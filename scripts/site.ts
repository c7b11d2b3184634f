import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ICON_SIZES, iconPng } from './icons.ts';
import { KERNEL_PATH } from '../common/kernelPath.ts';
import { kernelWasm } from './kernels.ts';
import { SERVICE_WORKER_PATH, serviceWorkerScript } from './offline.ts';
import { preloadPaths, withModulePreloads, withPreloads } from './preload.ts';
import { REPLAY_PATH } from '../common/personal/replaySet.ts';
import { TRAIN_WORKER_PATH } from '../common/train/protocol.ts';
import { TRAINING_SET_PATH } from '../common/train/trainingSet.ts';
import { trainWorkerScript } from './trainWorker.ts';

/**
 * The whole static site as a map from URL path (no leading slash) to bytes. The dev server serves
 * exactly these entries and nothing else; the build writes them to dist/. Relative URLs in the
 * page mean the folder works from any static host and any sub-path.
 */
export interface SiteFile {
  readonly body: Uint8Array;
  readonly type: string;
}
export type Site = ReadonlyMap<string, SiteFile>;

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

/** Model folders hold only these; anything else (a stray checkpoint, notes) is not published. */
const MODEL_FILE = /^[a-z0-9][a-z0-9-]{0,31}\/[A-Za-z0-9_.-]+\.(json|bin)$|^index\.json$/;

/** WASM binaries tfjs picks from; the threaded one needs cross-origin isolation, which we do not ask for. */
const TFJS_WASM = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];

export interface SiteOptions {
  readonly minify: boolean;
  /** add the service worker (sw.js) that precaches the site: `npm start` and `npm run build` do;
   * the benches and most e2e tests leave it out so a background precache does not load the machine */
  readonly offline?: boolean;
}

export function siteFile(path: string, body: Uint8Array): SiteFile {
  return { body, type: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' };
}

/** Where the bundle's files are said to be: only their names matter, as nothing is written. */
const BUNDLE_DIR = join(REPO_ROOT, 'dist');

/** The game's main.js as esbuild builds it for the site: output kept in memory, never written. */
export function bundleOptions(options: SiteOptions, entry = join(REPO_ROOT, 'game/main.ts')): esbuild.BuildOptions & { write: false } {
  return {
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: options.minify,
    absWorkingDir: REPO_ROOT,
    metafile: true,
    legalComments: 'external',
    // the modes, backends and libraries the first screen does not need load when first used
    splitting: true,
    entryNames: 'main',
    chunkNames: 'chunks/[name]-[hash]',
    // write: false keeps the output in memory; the path only names the files
    outdir: BUNDLE_DIR,
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  };
}

/** The chunks main.js imports statically, directly or through others, as site paths, in a stable order. */
export function firstScreenChunks(metafile: esbuild.Metafile | undefined): string[] {
  if (metafile === undefined) throw new Error('esbuild gave no metafile');
  const main = relative(REPO_ROOT, join(BUNDLE_DIR, 'main.js')).split(sep).join('/');
  const seen = new Set<string>();
  const visit = (output: string): void => {
    for (const imported of metafile.outputs[output]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || imported.external || seen.has(imported.path)) continue;
      seen.add(imported.path);
      visit(imported.path);
    }
  };
  visit(main);
  return [...seen].map((path) => relative(BUNDLE_DIR, join(REPO_ROOT, path)).split(sep).join('/')).sort();
}

/** Puts a build's output files (main.js and its companions) into the site under their names. */
export function addBundle(site: Map<string, SiteFile>, outputFiles: readonly esbuild.OutputFile[]): void {
  for (const file of outputFiles) site.set(relative(BUNDLE_DIR, file.path).split(sep).join('/'), siteFile(file.path, file.contents));
}

export async function buildSite(options: SiteOptions): Promise<Site> {
  const site = await readStaticFiles();
  const bundle = await esbuild.build(bundleOptions(options));
  addBundle(site, bundle.outputFiles);
  const page = site.get('index.html');
  if (page === undefined) throw new Error('the site has no index.html');
  const html = withModulePreloads(new TextDecoder().decode(page.body), firstScreenChunks(bundle.metafile));
  site.set('index.html', siteFile('index.html', new TextEncoder().encode(html)));
  site.set(TRAIN_WORKER_PATH, siteFile(TRAIN_WORKER_PATH, await trainWorkerScript(options.minify)));
  if (options.offline === true) await addServiceWorker(site, options);
  return site;
}

/** Adds (or replaces) sw.js for the site as it is now: call it after the last change to the site. */
export async function addServiceWorker(site: Map<string, SiteFile>, options: SiteOptions): Promise<void> {
  site.delete(SERVICE_WORKER_PATH);
  site.set(SERVICE_WORKER_PATH, siteFile(SERVICE_WORKER_PATH, await serviceWorkerScript(site, options.minify)));
}

/** Everything but the bundles: the page, its manifest and icons, fonts, models, the replay and training sets, the game's kernel and the tfjs WASM binaries. */
export async function readStaticFiles(): Promise<Map<string, SiteFile>> {
  const site = new Map<string, SiteFile>();
  const add = (path: string, body: Uint8Array): void => {
    site.set(path, siteFile(path, body));
  };
  add('manifest.webmanifest', await readFile(join(REPO_ROOT, 'game/manifest.webmanifest')));
  for (const size of ICON_SIZES) add(`icons/icon-${size}.png`, iconPng(size));
  for (const name of await readdir(join(REPO_ROOT, 'assets/fonts'))) {
    if (name.endsWith('.woff2') || name.endsWith('.txt')) add(`fonts/${name}`, await readFile(join(REPO_ROOT, 'assets/fonts', name)));
  }
  const modelsDir = join(REPO_ROOT, 'assets/models');
  for (const path of await listFiles(modelsDir)) {
    const rel = relative(modelsDir, path).split(sep).join('/');
    if (MODEL_FILE.test(rel)) add(`models/${rel}`, await readFile(path));
  }
  // fetched only when the player teaches (game/modes/digits/teaching.ts)
  add(REPLAY_PATH, await readFile(join(REPO_ROOT, 'assets', REPLAY_PATH)));
  // fetched only when the player opens Train (ml/worker/trainingData.ts)
  add(TRAINING_SET_PATH, await readFile(join(REPO_ROOT, 'assets', TRAINING_SET_PATH)));
  add(KERNEL_PATH, await kernelWasm());
  // fetched only when a screen first needs tfjs (game/shell/platform/tfjsRuntime.ts)
  const wasmDir = join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  for (const name of TFJS_WASM) add(`tfjs/${name}`, await readFile(join(wasmDir, name)));
  // last: the page names files of the site as it now is
  const page = new TextDecoder().decode(await readFile(join(REPO_ROOT, 'game/index.html')));
  add('index.html', new TextEncoder().encode(withPreloads(page, preloadPaths(site))));
  return site;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
