import { defaultModel, parseModelIndex } from '../common/modelIndex.ts';
import { readWeightsManifest } from '../common/weightsManifest.ts';
import { KERNEL_PATH } from '../common/kernelPath.ts';
import { MODEL_INDEX_PATH, modelFolder, siteJson } from './siteModels.ts';

/**
 * The files the first guess waits for besides the bundle, named in index.html as
 * `<link rel="preload">` so the browser fetches them while main.js downloads and compiles, instead
 * of one after another once the game asks (index, then backend, then model.json, then weights):
 * the model index, the default model's model.json and weight files (read from the index and the
 * manifest the build ships, so they follow a new default), and the game's WASM kernel that reads
 * it (tfjs and its WASM binaries load later, when a screen needs them).
 * `as="fetch"` with `crossorigin="anonymous"` matches the game's fetch(), so the preloaded
 * responses are the ones used.
 */

/** Where the build puts the tags; a page without it is an error, not a page silently left slow. */
export const PRELOAD_MARKER = '<!-- preloads: written by scripts/preload.ts -->';

/** Site paths to preload, in the order the game needs them. */
export function preloadPaths(site: ReadonlyMap<string, { readonly body: Uint8Array }>): string[] {
  const { path } = defaultModel(parseModelIndex(siteJson(site, MODEL_INDEX_PATH)));
  const modelPath = `models/${path}`;
  const model = siteJson(site, modelPath) as { weightsManifest?: unknown };
  const folder = modelFolder(path);
  const weights = readWeightsManifest(model.weightsManifest).flatMap(({ group }) => group.paths.map((file) => `${folder}${file}`));
  const paths = [MODEL_INDEX_PATH, modelPath, ...weights, KERNEL_PATH];
  for (const path of paths) if (!site.has(path)) throw new Error(`index.html would preload ${path}, which the site does not have`);
  return paths;
}

/** index.html with the marker replaced by one preload link per path. */
export function withPreloads(html: string, paths: readonly string[]): string {
  if (!html.includes(PRELOAD_MARKER)) throw new Error(`index.html has no ${PRELOAD_MARKER} for the preload links`);
  const links = paths.map((path) => `<link rel="preload" href="${encodeURI(path)}" as="fetch" crossorigin="anonymous">`);
  return html.replace(PRELOAD_MARKER, links.join('\n  '));
}

/** The page's script tag for the bundle: module preloads go before it. */
const MAIN_SCRIPT = '<script type="module" src="main.js"></script>';

/**
 * index.html with a `<link rel="modulepreload">` per chunk main.js imports statically (directly or
 * through another chunk): the browser fetches them with main.js instead of after parsing it.
 */
export function withModulePreloads(html: string, chunks: readonly string[]): string {
  if (!html.includes(MAIN_SCRIPT)) throw new Error(`index.html has no ${MAIN_SCRIPT}`);
  const links = chunks.map((path) => `<link rel="modulepreload" href="${encodeURI(path)}">\n  `);
  return html.replace(MAIN_SCRIPT, `${links.join('')}${MAIN_SCRIPT}`);
}
