import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { IMAGE_PIXELS, IMAGE_SIZE } from '../../../common/digit.ts';
import { firstNonFinite, nonFiniteWeight } from '../../../common/finiteWeights.ts';
import { DIGIT_OUTPUTS } from '../../../common/reading.ts';
import { kernelNetwork } from './kernels/kernelNetwork.ts';
import { fetchModelArtifacts, siteName } from './modelArtifacts.ts';
import { KERNEL_ENGINE, kernelRunner, type Runner } from './runner.ts';
import type { TfjsReady } from './tfjsRuntime.ts';

/** What reads a model: the game's kernel when it can run it, else tfjs, loaded on first call. */
export interface Engine {
  /** the compiled kernel; null where it cannot run, or when `?backend=` asks tfjs to read */
  readonly kernel: Promise<WebAssembly.Module | null>;
  readonly tfjs: () => Promise<TfjsReady>;
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
    private readonly tfjs: (() => Promise<TfjsReady>) | null,
  ) {
    this.layers = layers === null ? null : Promise.resolve(layers);
  }

  /**
   * Downloads the model and checks its files, then builds it, checks its input
   * [null,28,28,channels] and output [null,classes] and warms it up. The game's kernel reads every
   * shipped model (kernels/kernelNetwork.ts), so the first guess needs no tfjs; a model it cannot
   * run is built with tfjs-core alone (coreNetwork.ts) or with tfjs-layers. Errors name the file at
   * fault (ModelFileError, ModelShapeError).
   */
  static async load(url: string, engine: Engine, classes: number | readonly number[] = DIGIT_OUTPUTS, channels = 1): Promise<Classifier> {
    const [artifacts, kernel] = await Promise.all([fetchModelArtifacts(url), engine.kernel]);
    const name = siteName(url);
    const network = kernel === null ? null : kernelNetwork(artifacts, kernel);
    if (network !== null) return Classifier.checked(kernelRunner(network), name, classes, channels, artifacts, null, engine.tfjs);
    const { tfjs } = await engine.tfjs();
    const core = tfjs.coreRunner(artifacts);
    if (core !== null) return Classifier.checked(core, name, classes, channels, artifacts, null, engine.tfjs);
    const model = await tfjs.layersModelOf(artifacts, name);
    return Classifier.checked(tfjs.layersRunner(model), name, classes, channels, artifacts, model, engine.tfjs);
  }

  /**
   * Wraps a model already built (a personal model read back from IndexedDB or just taught, the
   * network kept from the Train mode), after the same shape check and warm-up as `load`; `name` is
   * how errors name it. With `kernel` the game's kernel reads it when it can run it, as it reads the
   * shipped models, so a taught model answers as fast as the one it was taught from; tfjs reads it
   * otherwise. A model with a weight that is not a finite number, or that answers the blank warm-up
   * drawing with one, is refused (ModelValuesError). The Classifier owns the model from then on (a
   * wrong one is disposed here).
   */
  static async fromModel(model: LayersModel, name: string, kernel: WebAssembly.Module | null = null,
    classes: number | readonly number[] = DIGIT_OUTPUTS, channels = 1): Promise<Classifier> {
    // a tfjs model in hand: tfjs has loaded
    const { layersRunner, savedArtifacts } = await import('./tfjsRunners.ts');
    const network = kernel === null ? null : kernelNetwork(await savedArtifacts(model), kernel);
    const runner = network === null ? layersRunner(model) : { ...kernelRunner(network), dispose: () => { model.dispose(); } };
    return Classifier.checked(runner, name, classes, channels, null, model, null);
  }

  private static async checked(runner: Runner, name: string, classes: number | readonly number[], channels: number,
    artifacts: tf.io.ModelArtifacts | null, layers: LayersModel | null, tfjs: (() => Promise<TfjsReady>) | null): Promise<Classifier> {
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
    const problem = nonFiniteWeight(await runner.weights());
    if (problem !== null) {
      runner.dispose();
      throw new ModelValuesError(`${name} cannot be played: ${problem}`);
    }
    const classifier = new Classifier(runner, outputs, channels, artifacts, name, layers, tfjs);
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
   * loaded without tfjs-layers is built with it on the first call (tfjs downloads then). One the
   * game's kernel reads goes on reading with it (faster than tfjs, and no tensors); one tfjs-core
   * read reads with the layers model from then on, so its tensors are held once.
   */
  layersModel(): Promise<LayersModel> {
    if (this.layers === null) {
      const { artifacts, tfjs } = this;
      if (artifacts === null || tfjs === null) throw new Error(`${this.name} has neither its files nor a layers model`);
      this.layers = tfjs().then(async ({ tfjs: runners }) => {
        const model = await runners.layersModelOf(artifacts, this.name);
        if (this.disposed) {
          model.dispose();
        } else if (this.runner.engine !== KERNEL_ENGINE) {
          // tfjs-core held the same weights as tensors: from now on the layers model's read
          this.runner.dispose();
          this.runner = runners.layersRunner(model);
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
    const values = await this.runner.predict(input, batch.length, [IMAGE_SIZE, IMAGE_SIZE, this.channels]);
    return batch.map((_, i) => values.slice(i * this.classes, (i + 1) * this.classes));
  }

  /** What reads this model: "wasm-simd" for the game's kernel, else tfjs's backend. */
  get engine(): string {
    return this.runner.engine;
  }

  dispose(): void {
    this.disposed = true;
    this.runner.dispose();
  }
}
