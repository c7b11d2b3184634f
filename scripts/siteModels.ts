import { parseModelIndex, type ModelIndex } from '../common/modelIndex.ts';

/** The models a built site holds, read from its files (the preloads, the service worker's lists and the browser bench all need them). */

type SiteBodies = ReadonlyMap<string, { readonly body: Uint8Array }>;

export const MODEL_INDEX_PATH = 'models/index.json';

/** A JSON file of the site, parsed; an error when the site has none. */
export function siteJson(site: SiteBodies, path: string): unknown {
  const file = site.get(path);
  if (file === undefined) throw new Error(`the site has no ${path}`);
  return JSON.parse(new TextDecoder().decode(file.body));
}

/** The site's model index, null when it has none. */
export function siteModelIndex(site: SiteBodies): ModelIndex | null {
  return site.has(MODEL_INDEX_PATH) ? parseModelIndex(siteJson(site, MODEL_INDEX_PATH)) : null;
}

/** The site folder of a model the index lists by its path: "seed/model.json" is in "models/seed/". */
export function modelFolder(path: string): string {
  return `models/${path.slice(0, path.lastIndexOf('/') + 1)}`;
}
