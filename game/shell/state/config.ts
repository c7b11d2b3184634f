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
  /** `?resolution=`: device pixels per CSS pixel to draw at, RESOLUTION_RANGE, or null to follow the screen (see rendererChoice.ts) */
  readonly resolution: number | null;
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

/** The resolutions `?resolution=` may force: from 1 (fewest pixels, softest text) to a 3x phone's. */
export const RESOLUTION_RANGE = { min: 1, max: 3 } as const;

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

  let resolution: number | null = null;
  const rawResolution = params.get('resolution');
  if (rawResolution !== null && rawResolution !== '') {
    const value = Number(rawResolution);
    if (Number.isFinite(value) && value >= RESOLUTION_RANGE.min && value <= RESOLUTION_RANGE.max) resolution = value;
    else problems.push(`resolution "${shorten(rawResolution)}" is not a number from ${RESOLUTION_RANGE.min} to ${RESOLUTION_RANGE.max}; following the screen`);
  }

  return Object.freeze({ model, backend, renderer, resolution, problems: Object.freeze(problems) });
}

/** Query values are attacker-controlled text shown on screen: keep them short. */
function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
