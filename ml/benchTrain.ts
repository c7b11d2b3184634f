import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { NUM_CLASSES } from '../common/digit.ts';
import { registerBatchNormGradient, restoreBatchNormGradient } from './batchNormGradient.ts';
import { RECIPES, buildModel } from './model.ts';
import { train, type LabelledImages } from './training.ts';
import {
  registerNaiveConv2DBackpropFilter,
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
} from './wasmKernels/index.ts';

/**
 * Training speed of the default model on the active backend (WASM with our kernels), against plain
 * tfjs on WASM: `model.fit` with only the missing Conv2DBackpropFilter added, naively. Throughput
 * is measured on one fixed random batch, so it needs no data; time to the target accuracy runs the
 * real training loop with the default recipe and needs MNIST.
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
  readonly imagesPerSecond: number;
  /** seconds from the start of training to the first evaluation at or above the target */
  readonly secondsTo99: number | null;
  /** plain tfjs on WASM (model.fit, naive filter gradient); null when not on WASM */
  readonly baselineImagesPerSecond: number | null;
  readonly threads: number;
}

export async function benchTrain(options: BenchTrainOptions): Promise<BenchTrainResult> {
  const log = options.log ?? (() => {});
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

  const imagesPerSecond = await stepThroughput(batchSize, options);
  log(`${backend}: ${imagesPerSecond.toFixed(0)} images/s`);

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
        onEvaluate: (point) => log(`epoch ${point.epoch.toFixed(2)}: ${(point.validationAccuracy * 100).toFixed(2)} % at ${point.seconds.toFixed(0)} s`),
      });
      const reached = result.state.history.find((point) => point.validationAccuracy >= options.targetAccuracy);
      secondsTo99 = reached?.seconds ?? null;
    } finally {
      model.dispose();
    }
  }
  return { backend, imagesPerSecond, secondsTo99, baselineImagesPerSecond, threads: onWasm ? getThreadsCount() : 1 };
}

/** A fixed random batch: throughput does not depend on the pixel values. */
function randomBatch(batchSize: number): { images: tf.Tensor4D; labels: tf.Tensor2D } {
  return tf.tidy(() => ({
    images: tf.randomUniform([batchSize, 28, 28, 1], 0, 1, 'float32', 1) as tf.Tensor4D,
    labels: tf.oneHot(tf.randomUniform([batchSize], 0, NUM_CLASSES, 'int32', 2) as tf.Tensor1D, NUM_CLASSES) as tf.Tensor2D,
  }));
}

/** Our path: one explicit Adam step per batch, as ml/training.ts does. */
async function stepThroughput(batchSize: number, options: BenchTrainOptions): Promise<number> {
  const model = buildModel('default');
  const { images, labels } = randomBatch(batchSize);
  const optimizer = tf.train.adam(RECIPES.default.learningRate);
  const step = () =>
    optimizer.minimize(
      () => tf.metrics.categoricalCrossentropy(labels, model.apply(images, { training: true }) as tf.Tensor).mean() as tf.Scalar,
      false,
    );
  try {
    for (let i = 0; i < options.warmupSteps; i++) step();
    await model.getWeights()[0]?.data();
    const started = performance.now();
    for (let i = 0; i < options.steps; i++) step();
    await model.getWeights()[0]?.data();
    return (options.steps * batchSize) / ((performance.now() - started) / 1000);
  } finally {
    tf.dispose([images, labels]);
    optimizer.dispose();
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
    await model.fit(data.images, data.labels, { batchSize, epochs: 1, shuffle: false, verbose: 0 });
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
