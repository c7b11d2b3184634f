import { MODEL_NAME } from '../../../common/modelName.ts';
import { RENDERERS, type RendererName } from './rendererChoice.ts';

/** What the page's query string may ask for, validated once at start-up. */

export const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface GameConfig {
  /** `?model=`: a syntactically valid name, or null for the index's default */
  readonly model: string | null;
  /** `?backend=`: forced tfjs backend, or null to try webgl, then wasm, then cpu */
  readonly backend: BackendName | null;
  /** `?renderer=`: forced Pixi renderer, or null to choose by the GPU (see rendererChoice.ts) */
  readonly renderer: RendererName | null;
  /** Human-readable reasons a parameter was ignored, shown on screen. */
  readonly problems: readonly string[];
}

/**
 * The part of URLSearchParams the readers use: the caller parses the query string, so this folder
 * needs no DOM or Node globals.
 */
export interface QueryParams {
  get(name: string): string | null;
}

export function readConfig(params: QueryParams): GameConfig {
  const problems: string[] = [];

  let model: string | null = null;
  const rawModel = params.get('model');
  if (rawModel !== null && rawModel !== '') {
    if (MODEL_NAME.test(rawModel)) model = rawModel;
    else problems.push(`"${shorten(rawModel)}" is not a model name; using the default model`);
  }

  let backend: BackendName | null = null;
  const rawBackend = params.get('backend');
  if (rawBackend !== null && rawBackend !== '') {
    const known = BACKENDS.find((name) => name === rawBackend);
    if (known === undefined) problems.push(`unknown backend "${shorten(rawBackend)}"; expected ${BACKENDS.join(', ')}`);
    else backend = known;
  }

  let renderer: RendererName | null = null;
  const rawRenderer = params.get('renderer');
  if (rawRenderer !== null && rawRenderer !== '') {
    const known = RENDERERS.find((name) => name === rawRenderer);
    if (known === undefined) problems.push(`unknown renderer "${shorten(rawRenderer)}"; expected ${RENDERERS.join(', ')}; choosing one automatically`);
    else renderer = known;
  }

  return Object.freeze({ model, backend, renderer, problems: Object.freeze(problems) });
}

/** Query values are attacker-controlled text shown on screen: keep them short. */
function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
