import { defaultModel, parseModelIndex } from '../common/modelIndex.ts';
import { readWeightsManifest } from '../common/weightsManifest.ts';

/**
 * The files the first guess waits for besides the bundle, named in index.html as
 * `<link rel="preload">` so the browser fetches them while main.js downloads and compiles, instead
 * of one after another once the game asks (index, then backend, then model.json, then weights):
 * the model index, the default model's model.json and weight files (read from the index and the
 * manifest the build ships, so they follow a new default), and tfjs's SIMD WASM binary, the one
 * every browser with WebAssembly SIMD loads (those without fetch the plain one, as before).
 * `as="fetch"` with `crossorigin="anonymous"` matches the game's fetch() and tfjs's
 * fetch(..., { credentials: 'same-origin' }), so the preloaded responses are the ones used.
 */

/** Where the build puts the tags; a page without it is an error, not a page silently left slow. */
export const PRELOAD_MARKER = '<!-- preloads: written by scripts/preload.ts -->';

export const PRELOADED_WASM = 'tfjs/tfjs-backend-wasm-simd.wasm';

/** Site paths to preload, in the order the game needs them. */
export function preloadPaths(site: ReadonlyMap<string, { readonly body: Uint8Array }>): string[] {
  const index = parseModelIndex(readJson(site, 'models/index.json'));
  const modelPath = `models/${defaultModel(index).path}`;
  const model = readJson(site, modelPath) as { weightsManifest?: unknown };
  const folder = modelPath.slice(0, modelPath.lastIndexOf('/') + 1);
  const weights = readWeightsManifest(model.weightsManifest).flatMap(({ group }) => group.paths.map((path) => `${folder}${path}`));
  const paths = ['models/index.json', modelPath, ...weights, PRELOADED_WASM];
  for (const path of paths) if (!site.has(path)) throw new Error(`index.html would preload ${path}, which the site does not have`);
  return paths;
}

/** index.html with the marker replaced by one preload link per path. */
export function withPreloads(html: string, paths: readonly string[]): string {
  if (!html.includes(PRELOAD_MARKER)) throw new Error(`index.html has no ${PRELOAD_MARKER} for the preload links`);
  const links = paths.map((path) => `<link rel="preload" href="${encodeURI(path)}" as="fetch" crossorigin="anonymous">`);
  return html.replace(PRELOAD_MARKER, links.join('\n  '));
}

function readJson(site: ReadonlyMap<string, { readonly body: Uint8Array }>, path: string): unknown {
  const file = site.get(path);
  if (file === undefined) throw new Error(`the site has no ${path}`);
  return JSON.parse(new TextDecoder().decode(file.body));
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
