import * as tf from '@tensorflow/tfjs';
import { NUM_CLASSES } from '../../common/digit.ts';
import { registerBatchNormGradient, restoreBatchNormGradient } from '../backend/batchNormGradient.ts';
import { defaultWorkers } from './parallel/dataParallel.ts';
import { RECIPES, buildModel } from '../models/architectures.ts';
import type { LabelledImages } from '../data/labelledImages.ts';
import { train } from './loop.ts';
import {
  registerNaiveConv2DBackpropFilter,
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
} from '../backend/wasmKernels/index.ts';

/** What `npm run train` trains on by default: MNIST's 60k less the validation split. */
const FULL_MNIST_TRAINING = 55_000;

/**
 * Training speed of the default model on the active backend (WASM with our kernels), against plain
 * tfjs on WASM: `model.fit` with only the missing Conv2DBackpropFilter added, naively. Our throughput
 * is that of the real training loop (augmentation, Adam, weight averaging) on random images, so it
 * needs no data: on one thread, and on as many as `npm run train` uses for full MNIST. Time to the
 * target accuracy runs that loop with the default recipe and needs MNIST.
 */

export interface BenchTrainOptions {
  /** training steps timed per measurement, after `warmupSteps` untimed ones */
  readonly steps: number;
  readonly warmupSteps: number;
  /** MNIST train/test; without it `secondsTo99` is null */
  readonly mnist?: { readonly train: LabelledImages; readonly test: LabelledImages };
  /** validation accuracy to reach, 0.99 in the issue */
  readonly targetAccuracy: number;
  readonly log?: (line: string) => void;
}

export interface BenchTrainResult {
  readonly backend: string;
  /** the training loop as `npm run train` runs it on full MNIST, on `threads` threads */
  readonly imagesPerSecond: number;
  /** seconds from the start of training to the first evaluation at or above the target, on `threads` threads */
  readonly secondsTo99: number | null;
  /** plain tfjs on WASM (model.fit, naive filter gradient); null when not on WASM */
  readonly baselineImagesPerSecond: number | null;
  /** the same loop on this thread alone (workers: 1) */
  readonly singleThreadImagesPerSecond: number;
  /** threads computing gradients (this one and the gradient workers) behind imagesPerSecond and secondsTo99 */
  readonly threads: number;
}

export async function benchTrain(options: BenchTrainOptions): Promise<BenchTrainResult> {
  const log = options.log ?? (() => undefined);
  const backend = tf.getBackend();
  const onWasm = backend === 'wasm';
  const batchSize = RECIPES.default.batchSize;

  let baselineImagesPerSecond: number | null = null;
  if (onWasm) {
    unregisterWasmTrainingKernels();
    restoreBatchNormGradient();
    registerNaiveConv2DBackpropFilter();
    baselineImagesPerSecond = await fitThroughput(batchSize, options);
    log(`baseline (plain tfjs model.fit on wasm): ${baselineImagesPerSecond.toFixed(0)} images/s`);
    registerWasmTrainingKernels();
    registerBatchNormGradient();
  }

  const threads = defaultWorkers(FULL_MNIST_TRAINING, batchSize);
  const singleThreadImagesPerSecond = await loopThroughput(1, options);
  log(`${backend}, 1 thread: ${singleThreadImagesPerSecond.toFixed(0)} images/s`);
  const imagesPerSecond = threads > 1 ? await loopThroughput(threads, options) : singleThreadImagesPerSecond;
  if (threads > 1) log(`${backend}, ${threads} threads: ${imagesPerSecond.toFixed(0)} images/s`);

  let secondsTo99: number | null = null;
  if (options.mnist) {
    const model = buildModel('default');
    try {
      const result = await train(model, {
        recipe: RECIPES.default,
        seed: 1,
        train: options.mnist.train,
        validation: options.mnist.test,
        evaluateEvery: 0.25,
        targetAccuracy: options.targetAccuracy,
        workers: threads,
        onEvaluate: (point) => { log(`epoch ${point.epoch.toFixed(2)}: ${(point.validationAccuracy * 100).toFixed(2)} % at ${point.seconds.toFixed(0)} s`); },
      });
      const reached = result.state.history.find((point) => point.validationAccuracy >= options.targetAccuracy);
      secondsTo99 = reached?.seconds ?? null;
    } finally {
      model.dispose();
    }
  }
  return { backend, imagesPerSecond, secondsTo99, baselineImagesPerSecond, singleThreadImagesPerSecond, threads };
}

/** A fixed random batch: throughput does not depend on the pixel values. */
function randomBatch(batchSize: number): { images: tf.Tensor4D; labels: tf.Tensor2D } {
  return tf.tidy(() => ({
    images: tf.randomUniform<tf.Rank.R4>([batchSize, 28, 28, 1], 0, 1, 'float32', 1),
    labels: tf.oneHot(tf.randomUniform<tf.Rank.R1>([batchSize], 0, NUM_CLASSES, 'int32', 2), NUM_CLASSES) as tf.Tensor2D,
  }));
}

/**
 * Our path: the training loop itself with the default recipe, on random images, timed from the end
 * of the warm-up steps to the last step (worker start-up and the one evaluation at the end excluded).
 */
async function loopThroughput(workers: number, options: BenchTrainOptions): Promise<number> {
  const recipe = { ...RECIPES.default, epochs: 1 };
  const steps = options.warmupSteps + options.steps;
  const count = steps * recipe.batchSize;
  const data = tf.tidy(() => ({
    images: tf.randomUniform<tf.Rank.R4>([count, 28, 28, 1], 0, 1, 'float32', 3),
    labels: Uint8Array.from({ length: count }, (_, i) => (i * 7) % NUM_CLASSES),
  }));
  const validation = { images: tf.slice(data.images, 0, recipe.batchSize), labels: data.labels.slice(0, recipe.batchSize) };
  const model = buildModel('default');
  let started = 0;
  let finished = 0;
  try {
    await train(model, {
      recipe,
      seed: 1,
      train: data,
      validation,
      workers,
      onStep: (s) => {
        if (s.step === options.warmupSteps) started = performance.now();
        if (s.step === steps) finished = performance.now();
      },
    });
    return (options.steps * recipe.batchSize) / ((finished - started) / 1000);
  } finally {
    tf.dispose([data.images, validation.images]);
    model.dispose();
  }
}

/** The plain-tfjs path: compile and model.fit, one epoch = the same batch repeated. */
async function fitThroughput(batchSize: number, options: BenchTrainOptions): Promise<number> {
  const model = buildModel('default');
  const { images, labels } = randomBatch(batchSize);
  const repeat = (count: number) => ({
    images: tf.tile(images, [count, 1, 1, 1]),
    labels: tf.tile(labels, [count, 1]),
  });
  const optimizer = tf.train.adam(RECIPES.default.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const fit = async (count: number): Promise<number> => {
    const data = repeat(count);
    const started = performance.now();
    // fit's default verbosity logs only through tfjs-node's progress bar (tfjs exports no enum to silence it by name)
    await model.fit(data.images, data.labels, { batchSize, epochs: 1, shuffle: false });
    const seconds = (performance.now() - started) / 1000;
    tf.dispose([data.images, data.labels]);
    return seconds;
  };
  try {
    await fit(Math.max(1, options.warmupSteps));
    const seconds = await fit(options.steps);
    return (options.steps * batchSize) / seconds;
  } finally {
    tf.dispose([images, labels]);
    optimizer.dispose();
    model.dispose();
  }
}
