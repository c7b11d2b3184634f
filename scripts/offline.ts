import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { defaultModel } from '../common/modelIndex.ts';
import { modelFolder, siteModelIndex } from './siteModels.ts';

const SERVICE_WORKER_ENTRY = fileURLToPath(new URL('../game/offline/serviceWorker.ts', import.meta.url));
/** `npm run dev`'s sw.js: removes a worker `npm start` left on the same origin */
const RETIRED_WORKER_ENTRY = fileURLToPath(new URL('../game/offline/retiredServiceWorker.ts', import.meta.url));

/** The service worker's own file: never precached (the browser fetches it to look for a new build). */
export const SERVICE_WORKER_PATH = 'sw.js';

/** Fetched only when the player asks for them (the replay set, when teaching; Train's worker and
 * digits, when opening Train); cached once fetched. */
const ON_DEMAND_PREFIXES = ['replay/', 'train/'];

function isContent(path: string): boolean {
  return path !== SERVICE_WORKER_PATH && !path.endsWith('.map');
}

function isOnDemand(path: string, optional: readonly string[]): boolean {
  return [...ON_DEMAND_PREFIXES, ...optional].some((prefix) => path.startsWith(prefix));
}

/**
 * The folders of the listed models other than the default ("models/seed/"): a player picks one with
 * ?model= or opens Compare, and it is cached then; a first visit need not download them (the seed
 * alone is 2.7 MB). The default and the piece verifier are always precached.
 */
export function optionalModelFolders(site: ReadonlyMap<string, { readonly body: Uint8Array }>): string[] {
  const index = siteModelIndex(site);
  if (index === null) return [];
  const kept = modelFolder(defaultModel(index).path);
  return [...new Set(index.models.map((model) => modelFolder(model.path)))].filter((folder) => folder !== kept && folder !== 'models/');
}

/** Source maps are for developers online; on-demand files (and `optional` folders) wait to be asked for; the rest is precached. */
export function precachedPaths(paths: Iterable<string>, optional: readonly string[] = []): string[] {
  return [...paths].filter((path) => isContent(path) && !isOnDemand(path, optional)).sort();
}

/** Files the worker caches the first time the page fetches them, under the same build's cache. */
export function onDemandPaths(paths: Iterable<string>, optional: readonly string[] = []): string[] {
  return [...paths].filter((path) => isContent(path) && isOnDemand(path, optional)).sort();
}

/**
 * The build's content hash: every precached and on-demand path and its bytes. It names the cache, and sw.js
 * changes with it, so the browser installs a new worker (and drops the old cache) exactly when
 * something the game loads has changed.
 */
export function siteVersion(site: ReadonlyMap<string, { readonly body: Uint8Array }>): string {
  const hash = createHash('sha256');
  for (const path of [...precachedPaths(site.keys()), ...onDemandPaths(site.keys())]) {
    const body = site.get(path)?.body ?? new Uint8Array();
    hash.update(`${path}\0${body.byteLength}\0`).update(body);
  }
  return hash.digest('hex').slice(0, 16);
}

/** sw.js for this site: game/offline/serviceWorker.ts with the version and the file list built in. */
export function serviceWorkerScript(site: ReadonlyMap<string, { readonly body: Uint8Array }>, minify: boolean): Promise<Uint8Array> {
  const optional = optionalModelFolders(site);
  return workerScript(SERVICE_WORKER_ENTRY, minify, {
    PRECACHE_VERSION: JSON.stringify(siteVersion(site)),
    PRECACHE_FILES: JSON.stringify(precachedPaths(site.keys(), optional)),
    ON_DEMAND_FILES: JSON.stringify(onDemandPaths(site.keys(), optional)),
  });
}

/** sw.js for `npm run dev`: a worker that deletes the game's caches and unregisters itself. */
export function retiredWorkerScript(): Promise<Uint8Array> {
  return workerScript(RETIRED_WORKER_ENTRY, false, {});
}

async function workerScript(entry: string, minify: boolean, define: Record<string, string>): Promise<Uint8Array> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    minify,
    write: false,
    outfile: join('dist', SERVICE_WORKER_PATH),
    logLevel: 'silent',
    define,
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild wrote nothing for ${entry}`);
  return output.contents;
}
