import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { createRandom, type Random } from '../../../common/random.ts';
import type { BackendName } from '../../backend/backend.ts';
import { packTensors, unpackArrays } from './flatTensors.ts';
import { GradientWorker, type SliceReply } from './gradientWorker.ts';
import type { Recipe } from '../../models/architectures.ts';
import { addTallies, tallyValidation, type ValidationTally } from '../../eval/validationTally.ts';
import type { LabelledImages } from '../../data/labelledImages.ts';
import { applyGradients, batchGradients, trainableVariables } from '../step.ts';
import type { WeightAverage } from '../weightAverage.ts';

/**
 * Data-parallel training steps over worker threads. tfjs's WASM backend runs on one thread in Node
 * (it disables its pthreads there), so a second core would otherwise sit idle.
 *
 * Every step, each thread computes the loss gradient on its own slice of the batch (augmented with
 * that slice's seed, drawn from the training RNG so a resumed run repeats it); this thread averages
 * the gradients, weighted by slice size, and applies them once with the run's optimizer. The workers
 * hold no optimizer: each step's request carries the current trainable weights, so every thread
 * differentiates exactly the same weights (~260 KB for the default model, a copy per step).
 *
 * Validation is split over the threads the same way, each counting its share of the images right
 * with the evaluated (averaged) weights, which the request carries.
 *
 * Batch normalisation: each slice normalises with its own batch statistics, as in multi-GPU
 * training, so with BN the averaged gradient is that of the per-slice ("ghost batch") losses, not of
 * one whole-batch loss. The moving mean and variance are updated from this thread's slice only
 * (the workers' own are never used: validation requests carry the statistics to score with); an
 * exponential average over hundreds of steps of partial batches estimates the same population
 * statistics as one over whole batches.
 */

/** Below this many training images a worker's start-up outweighs what it saves (BENCHMARKS.md, "Training speed"). */
export const MIN_PARALLEL_IMAGES = 10_000;

/**
 * Smaller slices gain little and change the recipe: the seed recipe's small batches of many weights
 * gained little on two threads for much more CPU per image, and BN over 16 images is not the BN it
 * was tuned with. Figures: BENCHMARKS.md, "Training speed", "Both cores".
 */
export const MIN_SLICE_IMAGES = 64;

/**
 * As many threads as there are cores and slices of at least MIN_SLICE_IMAGES, when the data set is
 * large enough; one on tfjs-node, whose native kernels use every core already.
 */
export function defaultWorkers(images: number, batchSize: number): number {
  if (tf.getBackend() === 'tensorflow' || images < MIN_PARALLEL_IMAGES) return 1;
  return Math.max(1, Math.min(availableParallelism(), Math.floor(batchSize / MIN_SLICE_IMAGES)));
}

export interface ParallelGradients {
  /** mean loss over the whole batch */
  readonly loss: number;
  readonly correct: number;
  /** gradient of the mean loss, by variable name, as `optimizer.applyGradients` takes it */
  readonly gradients: tf.NamedTensorMap;
}

export class DataParallel {
  private constructor(
    private readonly model: tf.LayersModel,
    private readonly variables: tf.Variable[],
    private readonly data: LabelledImages,
    private readonly validation: LabelledImages,
    private readonly labels: tf.Tensor1D,
    private readonly recipe: Recipe,
    private readonly workers: GradientWorker[],
  ) {}

  /** Starts `threads - 1` workers, each with its own copy of the model and of the training and validation images. */
  static async start(model: tf.LayersModel, data: LabelledImages, validation: LabelledImages, recipe: Recipe, threads: number): Promise<DataParallel> {
    const variables = trainableVariables(model);
    const setup = {
      backend: backendName(),
      artifacts: await modelArtifacts(model),
      images: await sharedPixels(data.images),
      shape: data.images.shape,
      labels: data.labels,
      validationImages: await sharedPixels(validation.images),
      validationLabels: validation.labels,
      recipe,
      shapes: variables.map((variable) => variable.shape),
    };
    const workers: GradientWorker[] = [];
    try {
      for (let i = 1; i < threads; i++) workers.push(new GradientWorker(setup));
      await Promise.all(workers.map((worker) => worker.ready));
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
    const labels = tf.tensor1d(Int32Array.from(data.labels), 'int32');
    return new DataParallel(model, variables, data, validation, labels, recipe, workers);
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  /** The batch split over the threads; this thread takes the last, smallest slice, as it also applies the update. */
  async gradients(batch: Uint32Array, random: Random): Promise<ParallelGradients> {
    const slices = splitBatch(batch, this.threads);
    const seeds = slices.map(() => Math.floor(random.next() * 2 ** 32));
    const weights = packTensors(this.variables);
    const requests: Promise<SliceReply>[] = [];
    for (let i = 0; i < slices.length - 1; i++) {
      requests.push(this.workerAt(i).compute({ kind: 'slice', weights, indices: sliceAt(slices, i), seed: seeds[i] ?? 0 }));
    }
    const last = slices.length - 1;
    const own = batchGradients(this.model, this.variables, this.data.images, this.labels, sliceAt(slices, last), this.recipe, createRandom(seeds[last] ?? 0));
    try {
      const replies = await Promise.all(requests);
      const share = (i: number) => sliceAt(slices, i).length / batch.length;
      const shapes = this.variables.map((variable) => variable.shape);
      const remote = replies.map((reply) => unpackArrays(reply.gradients, shapes));
      const gradients: tf.NamedTensorMap = {};
      tf.tidy(() => {
        this.variables.forEach((variable, v) => {
          let sum = tf.mul(own.gradients[v] ?? tf.zeros(variable.shape), share(last));
          remote.forEach((arrays, i) => {
            sum = tf.add(sum, tf.mul(tf.tensor(arrays[v] ?? new Float32Array(variable.size), variable.shape), share(i)));
          });
          gradients[variable.name] = tf.keep(sum);
        });
      });
      const loss = replies.reduce((total, reply, i) => total + reply.loss * share(i), own.loss * share(last));
      const correct = replies.reduce((total, reply) => total + reply.correct, own.correct);
      return { loss, correct, gradients };
    } finally {
      tf.dispose(own.gradients);
    }
  }

  /** One optimizer step on the averaged gradient; the same update the single-thread loop makes. */
  async step(optimizer: tf.Optimizer, batch: Uint32Array, random: Random): Promise<{ loss: number; correct: number }> {
    const { loss, correct, gradients } = await this.gradients(batch, random);
    try {
      applyGradients(optimizer, this.variables, this.variables.map((variable) => gradients[variable.name]), loss);
    } finally {
      tf.dispose(Object.values(gradients));
    }
    return { loss, correct };
  }

  /** Validation tally with the weights `average` evaluates (the model's own without averaging). */
  async validate(average: WeightAverage): Promise<ValidationTally> {
    const count = this.validation.labels.length;
    const parts = splitBatch(Uint32Array.from({ length: count }, (_, i) => i), this.threads);
    const evaluated = average.snapshot();
    const weights = packTensors(evaluated);
    tf.dispose(evaluated);
    const range = (part: Int32Array) => ({ start: part[0] ?? 0, end: (part.at(-1) ?? -1) + 1 });
    const requests = parts.slice(0, -1).map((part, i) => this.workerAt(i).count({ kind: 'count', weights, ...range(part) }));
    const { start, end } = range(sliceAt(parts, parts.length - 1));
    const own = average.withAverage(() => tallyValidation(this.model, this.validation.images, this.validation.labels, start, end));
    return addTallies([own, ...(await Promise.all(requests))]);
  }

  /** Ends the workers; call on every way out of training, or the process cannot exit. */
  async terminate(): Promise<void> {
    this.labels.dispose();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private workerAt(i: number): GradientWorker {
    const worker = this.workers[i];
    if (!worker) throw new Error(`no worker ${i}`);
    return worker;
  }
}

/** `batch` as `parts` contiguous slices whose sizes differ by at most one, larger first; none empty. */
export function splitBatch(batch: Uint32Array, parts: number): Int32Array[] {
  const count = Math.max(1, Math.min(parts, batch.length));
  const slices: Int32Array[] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const size = Math.floor(batch.length / count) + (i < batch.length % count ? 1 : 0);
    slices.push(Int32Array.from(batch.subarray(start, start + size)));
    start += size;
  }
  return slices;
}

function sliceAt(slices: readonly Int32Array[], i: number): Int32Array {
  const slice = slices[i];
  if (!slice) throw new Error(`no slice ${i}`);
  return slice;
}

/** One copy of the pixels that all workers share; each copies it once into its own backend. */
async function sharedPixels(images: tf.Tensor4D): Promise<SharedArrayBuffer> {
  const buffer = new SharedArrayBuffer(images.size * Float32Array.BYTES_PER_ELEMENT);
  new Float32Array(buffer).set((await images.data()));
  return buffer;
}

/** The name ml/backend/backend.ts's initBackend takes for the backend tfjs is running on. */
function backendName(): BackendName {
  const name = tf.getBackend();
  if (name === 'tensorflow') return 'node';
  if (name === 'wasm' || name === 'cpu') return name;
  throw new Error(`data-parallel training does not support the '${name}' backend`);
}

/** Topology and weights in memory, as a worker rebuilds the model from them. */
async function modelArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler((saved) => {
      artifacts = saved;
      return Promise.resolve({ modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(saved) });
    }),
  );
  if (!artifacts) throw new Error('the model could not be serialised for the workers');
  return artifacts;
}
