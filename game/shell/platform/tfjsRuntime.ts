import type { BackendName } from '../state/config.ts';
import type * as TfjsRunners from './tfjsRunners.ts';

/**
 * tfjs, loaded once when a screen first needs it (a model as layers for Inside or teaching, a
 * model the player made, a model the game's kernel cannot run, a forced `?backend=`), with its
 * backend chosen then. One for the page, as tfjs's backend is one for the page.
 */
export type Tfjs = typeof TfjsRunners;

export interface TfjsReady {
  readonly tfjs: Tfjs;
  readonly backend: TfjsRunners.BackendChoice;
}

let settings: { readonly forced: BackendName | null; readonly wasmBase: string } = { forced: null, wasmBase: '/tfjs/' };
let loading: Promise<TfjsReady> | null = null;
let loaded: Tfjs | null = null;

/** The `?backend=` asked for and where the WASM backend's binaries are served; before the first `loadTfjs`. */
export function configureTfjs(forced: BackendName | null, wasmBase: string): void {
  settings = { forced, wasmBase };
}

export function loadTfjs(): Promise<TfjsReady> {
  loading ??= import('./tfjsRunners.ts').then(async (tfjs) => {
    const backend = await tfjs.selectBackend(settings.forced, settings.wasmBase);
    loaded = tfjs;
    return { tfjs, backend };
  });
  return loading;
}

/** Live tfjs tensors (none before tfjs loads), for the leak checks of the tests and the bench. */
export function tensorCount(): number {
  return loaded === null ? 0 : loaded.tensorCount();
}
