import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { BACKENDS, type BackendName } from '../state/config.ts';
import { coreNetwork } from './coreNetwork.ts';
import { ModelFileError } from './modelArtifacts.ts';
import { probeWebgl } from './rendererProbe.ts';
import type { Runner } from './runner.ts';
import { tfjsLayers } from './tfjsLayers.ts';

/**
 * tfjs for the game: its core, its backends, and models run with it. Imported when a screen first
 * needs tfjs (tfjsRuntime.ts), never by the first screen, which reads with the game's own kernel.
 */
export { tf };

export interface BackendChoice {
  readonly name: BackendName;
  /** why the forced or preferred backend was not used */
  readonly problem: string | null;
}

/**
 * Initialises tfjs on the forced backend, or the first of webgl, wasm, cpu that works. WebGL that
 * is only a software rasteriser (SwiftShader, llvmpipe: no GPU) is slower than WASM for a network
 * this small, so it counts as not working unless forced. `wasmBase` is where the .wasm files are
 * served from (our own server, never a CDN).
 */
export async function selectBackend(forced: BackendName | null, wasmBase: string): Promise<BackendChoice> {
  setWasmPaths(wasmBase);
  if (forced !== null) {
    if (await tryBackend(forced)) return { name: forced, problem: null };
    const fallback = await firstWorking(BACKENDS.filter((b) => b !== forced));
    return { name: fallback, problem: `backend ${forced} is not available here; using ${fallback}` };
  }
  const preferred = probeWebgl() === 'hardware' ? BACKENDS : BACKENDS.filter((b) => b !== 'webgl');
  return { name: await firstWorking(preferred), problem: null };
}

async function firstWorking(candidates: readonly BackendName[]): Promise<BackendName> {
  for (const name of candidates) if (await tryBackend(name)) return name;
  throw new Error('no tfjs backend could be initialised');
}

/**
 * How each backend is registered. WebGL and the pure-JS CPU backend are imported only when tried:
 * most players never need them, and their code is a third of tfjs.
 */
const REGISTER: Readonly<Record<BackendName, () => Promise<unknown>>> = {
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  wasm: () => Promise.resolve(),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

async function tryBackend(name: BackendName): Promise<boolean> {
  try {
    await REGISTER[name]();
    if (!(await tf.setBackend(name)) || tf.getBackend() !== name) return false;
    warmUp();
    return true;
  } catch {
    return false;
  }
}

/**
 * One tiny convolution: a backend's first one sets up its library (XNNPACK on WASM), which is done
 * here, while tfjs loads, rather than in the first frame of teaching or Inside.
 */
function warmUp(): void {
  tf.tidy(() => tf.conv2d(tf.ones<tf.Rank.R4>([1, 3, 3, 1]), tf.ones<tf.Rank.R4>([3, 3, 1, 1]), 1, 'same').dataSync());
}

/** A model tfjs-core alone can run (coreNetwork.ts), else null. */
export function coreRunner(artifacts: tf.io.ModelArtifacts): Runner | null {
  const network = coreNetwork(artifacts);
  if (network === null) return null;
  return {
    engine: tf.getBackend(),
    inputShape: network.inputShape,
    outputShape: network.outputShape,
    single: true,
    weights: () => valuesOf(network.weights),
    predict: (input, images, shape) => predictWith((x) => network.predict(x), input, images, shape),
    dispose: () => { network.dispose(); },
  };
}

export function layersRunner(model: LayersModel): Runner {
  return {
    engine: tf.getBackend(),
    inputShape: model.inputs[0]?.shape,
    outputShape: model.outputs[0]?.shape,
    single: model.inputs.length === 1 && model.outputs.length === 1,
    weights: () => valuesOf(model.weights.map((weight) => ({ name: weight.originalName, tensor: weight.read() }))),
    predict: (input, images, shape) => predictWith((x) => model.predict(x), input, images, shape),
    dispose: () => { model.dispose(); },
  };
}

/**
 * The model as tfjs layers, run once on a blank input: a page's first pass through tfjs-layers
 * (its code's first use, the backend preparing the weights) happens here, while the screen that
 * asked waits for it, not in the first frame teaching or Inside paces.
 */
export async function layersModelOf(artifacts: tf.io.ModelArtifacts, name: string): Promise<LayersModel> {
  const { loadLayersModel } = await tfjsLayers();
  let model: LayersModel;
  try {
    model = await loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (error) {
    throw new ModelFileError(`${name} does not describe a model tfjs can build (${error instanceof Error ? error.message : String(error)})`);
  }
  const shape = model.inputs[0]?.shape.map((d) => d ?? 1);
  if (shape !== undefined) {
    tf.tidy(() => {
      const output = model.predict(tf.zeros(shape));
      for (const tensor of Array.isArray(output) ? output : [output]) tensor.dataSync();
    });
  }
  return model;
}

/** A layers model's files as saving it would write them, kept in memory: what the game's kernel reads. */
export async function savedArtifacts(model: LayersModel): Promise<tf.io.ModelArtifacts> {
  const saved: tf.io.ModelArtifacts[] = [];
  await model.save(tf.io.withSaveHandler((artifacts) => {
    saved.push(artifacts);
    return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
  }));
  const [artifacts] = saved;
  if (artifacts === undefined) throw new Error('the model saved nothing');
  return artifacts;
}

/** Live tensors, for the leak check in tests. */
export function tensorCount(): number {
  return tf.memory().numTensors;
}

function valuesOf(weights: readonly { readonly name: string; readonly tensor: tf.Tensor }[]): Promise<{ name: string; values: Float32Array }[]> {
  return Promise.all(weights.map(async (weight) => ({ name: weight.name, values: Float32Array.from(await weight.tensor.data()) })));
}

async function predictWith(predict: (x: tf.Tensor4D) => tf.Tensor | tf.Tensor[], input: Float32Array, images: number, shape: readonly [number, number, number]): Promise<Float32Array> {
  const output = tf.tidy(() => {
    const result = predict(tf.tensor4d(input, [images, ...shape]));
    if (Array.isArray(result)) throw new Error('model has several outputs');
    return result;
  });
  try {
    return (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
}
