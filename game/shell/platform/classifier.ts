import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { IMAGE_PIXELS, IMAGE_SIZE } from '../../../common/digit.ts';
import { firstNonFinite, nonFiniteWeight } from '../../../common/finiteWeights.ts';
import { DIGIT_OUTPUTS } from '../../../common/reading.ts';
import { BACKENDS, type BackendName } from '../state/config.ts';
import { coreNetwork } from './coreNetwork.ts';
import { fetchModelArtifacts, ModelFileError, siteName } from './modelArtifacts.ts';
import { tfjsLayers } from './tfjsLayers.ts';
import { probeWebgl } from './rendererProbe.ts';

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
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** Images per `predict` in classifyBatch: a few milliseconds of work on WASM. Figures: BENCHMARKS.md, "Browser", "Number mode while writing". */
const BATCH_CHUNK = 8;

/** A macrotask boundary, where the browser handles input and renders; unlike setTimeout(0), never
 * clamped to 4 ms. */
function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class ModelShapeError extends Error {
  override name = 'ModelShapeError';
}

/** The model's weights or outputs are not numbers (NaN, Infinity): it would show "0 · NaN%" for everything. */
export class ModelValuesError extends Error {
  override name = 'ModelValuesError';
}

/** What a Classifier runs: a tfjs-core network (coreNetwork.ts) or a tfjs layers model. */
interface Runner {
  readonly inputShape: readonly (number | null)[] | undefined;
  readonly outputShape: readonly (number | null)[] | undefined;
  /** one input and one output (a layers model may have more) */
  readonly single: boolean;
  weights(): { readonly name: string; readonly tensor: tf.Tensor }[];
  predict(x: tf.Tensor4D): tf.Tensor | tf.Tensor[];
  dispose(): void;
}

function layersRunner(model: LayersModel): Runner {
  return {
    inputShape: model.inputs[0]?.shape,
    outputShape: model.outputs[0]?.shape,
    single: model.inputs.length === 1 && model.outputs.length === 1,
    weights: () => model.weights.map((weight) => ({ name: weight.originalName, tensor: weight.read() })),
    predict: (x) => model.predict(x),
    dispose: () => { model.dispose(); },
  };
}

async function layersModelOf(artifacts: tf.io.ModelArtifacts, name: string): Promise<LayersModel> {
  const { loadLayersModel } = await tfjsLayers();
  try {
    return await loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (error) {
    throw new ModelFileError(`${name} does not describe a model tfjs can build (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * A loaded model that maps one normalised 28x28 image (`channels` values per pixel) to `classes`
 * probabilities: one of DIGIT_OUTPUTS from one channel for a digit model, PIECE_CLASSES from
 * PIECE_CHANNELS for the Number mode's piece verifier.
 */
export class Classifier {
  /** the model as tfjs layers: given (fromModel) or built from `artifacts` when first asked for */
  private layers: Promise<LayersModel> | null;
  private disposed = false;

  private constructor(
    private runner: Runner,
    private readonly classes: number,
    private readonly channels: number,
    private readonly artifacts: tf.io.ModelArtifacts | null,
    private readonly name: string,
    layers: LayersModel | null,
  ) {
    this.layers = layers === null ? null : Promise.resolve(layers);
  }

  /**
   * Downloads the model and checks its files (which needs no backend), then, once `backendReady`
   * has settled, builds it, checks its input [null,28,28,channels] and output [null,classes] and
   * warms it up. Downloading while the WASM backend compiles is what keeps time-to-first-prediction
   * short. A model tfjs-core alone can run (coreNetwork.ts: every shipped one) is built without
   * tfjs-layers. Errors name the file at fault (ModelFileError, ModelShapeError).
   */
  static async load(url: string, backendReady: Promise<unknown>, classes: number | readonly number[] = DIGIT_OUTPUTS, channels = 1): Promise<Classifier> {
    const artifacts = await fetchModelArtifacts(url);
    await backendReady;
    const name = siteName(url);
    const network = coreNetwork(artifacts);
    if (network !== null) {
      return Classifier.checked({ ...network, single: true, weights: () => [...network.weights] }, name, classes, channels, artifacts, null);
    }
    const model = await layersModelOf(artifacts, name);
    return Classifier.checked(layersRunner(model), name, classes, channels, artifacts, model);
  }

  /**
   * Wraps a model already built (a personal model read back from IndexedDB or just taught), after
   * the same shape check and warm-up as `load`; `name` is how errors name it. A model with a weight
   * that is not a finite number, or that answers the blank warm-up drawing with one, is refused
   * (ModelValuesError). The Classifier owns the model from then on (a wrong one is disposed here).
   */
  static fromModel(model: LayersModel, name: string, classes: number | readonly number[] = DIGIT_OUTPUTS, channels = 1): Promise<Classifier> {
    return Classifier.checked(layersRunner(model), name, classes, channels, null, model);
  }

  private static async checked(runner: Runner, name: string, classes: number | readonly number[], channels: number,
    artifacts: tf.io.ModelArtifacts | null, layers: LayersModel | null): Promise<Classifier> {
    const input = runner.inputShape;
    const output = runner.outputShape;
    const allowed = typeof classes === 'number' ? [classes] : classes;
    const expectedInput = [null, IMAGE_SIZE, IMAGE_SIZE, channels];
    const outputs = output?.length === 2 && typeof output[1] === 'number' && output[0] === null && allowed.includes(output[1]) ? output[1] : null;
    if (!runner.single || JSON.stringify(input) !== JSON.stringify(expectedInput) || outputs === null) {
      runner.dispose();
      throw new ModelShapeError(`${name} has the wrong shape: takes ${JSON.stringify(input)}, gives ${JSON.stringify(output)}; ` +
        `needs ${JSON.stringify(expectedInput)} -> ${allowed.map((n) => JSON.stringify([null, n])).join(' or ')}`);
    }
    const weights = await Promise.all(runner.weights().map(async (weight) => ({ name: weight.name, values: await weight.tensor.data() })));
    const problem = nonFiniteWeight(weights);
    if (problem !== null) {
      runner.dispose();
      throw new ModelValuesError(`${name} cannot be played: ${problem}`);
    }
    const classifier = new Classifier(runner, outputs, channels, artifacts, name, layers);
    // The first run compiles shaders / allocates buffers; do it before the player's first stroke.
    const [blank] = await classifier.classifyBatch([new Float32Array(IMAGE_PIXELS * channels)]);
    const at = blank === undefined ? 0 : firstNonFinite(blank);
    if (at >= 0) {
      classifier.dispose();
      throw new ModelValuesError(`${name} cannot be played: it answers ${String(blank?.[at])} for a blank drawing`);
    }
    return classifier;
  }

  /**
   * The model as tfjs layers, for the Inside mode's look at its layers (game/modes/inside/platform/insideNetwork.ts)
   * and for fine-tuning a copy of it (the copy is a new model; this one is untouched). A model
   * loaded without tfjs-layers is built with it on the first call (tfjs-layers downloads then),
   * and reads with it from then on: the weights are held once.
   */
  layersModel(): Promise<LayersModel> {
    if (this.layers === null) {
      const { artifacts } = this;
      if (artifacts === null) throw new Error(`${this.name} has neither its files nor a layers model`);
      this.layers = layersModelOf(artifacts, this.name).then((model) => {
        if (this.disposed) {
          model.dispose();
        } else {
          this.runner.dispose();
          this.runner = layersRunner(model);
        }
        return model;
      });
    }
    return this.layers;
  }

  /** `pixels`: 28x28 row-major (`channels` values each), 0..1, ink = 1, normalised by centreLikeMnist. */
  async classify(pixels: Float32Array): Promise<Float32Array> {
    const [probabilities] = await this.predictChunk([pixels]);
    if (probabilities === undefined) throw new ModelShapeError('model gave no output');
    return probabilities;
  }

  /**
   * Many normalised 28x28 images, a chunk of them per `predict` (one [n,28,28,channels] tensor each):
   * reading a number sends every candidate piece of ink, often around a hundred, and batching is far
   * cheaper than one call per piece. But one call for all of them held the main thread long enough
   * to stall the pen at every reading; between chunks the browser gets its turn. Figures:
   * BENCHMARKS.md, "Browser", "Number mode while writing" (`npm run bench -- browser`).
   * Returns the probabilities per image, in order.
   */
  async classifyBatch(batch: readonly Float32Array[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < batch.length; start += BATCH_CHUNK) {
      if (start > 0) await yieldToBrowser();
      out.push(...(await this.predictChunk(batch.slice(start, start + BATCH_CHUNK))));
    }
    return out;
  }

  private async predictChunk(batch: readonly Float32Array[]): Promise<Float32Array[]> {
    const size = IMAGE_PIXELS * this.channels;
    const input = new Float32Array(batch.length * size);
    batch.forEach((pixels, i) => { input.set(pixels, i * size); });
    const output = tf.tidy(() => {
      const result = this.runner.predict(tf.tensor4d(input, [batch.length, IMAGE_SIZE, IMAGE_SIZE, this.channels]));
      if (Array.isArray(result)) throw new ModelShapeError('model has several outputs');
      return result;
    });
    try {
      const values = (await output.data()) as Float32Array;
      return batch.map((_, i) => values.slice(i * this.classes, (i + 1) * this.classes));
    } finally {
      output.dispose();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.runner.dispose();
  }
}

/** Live tensors, for the leak check in tests. */
export function tensorCount(): number {
  return tf.memory().numTensors;
}
