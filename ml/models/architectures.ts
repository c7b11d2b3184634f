import * as tf from '@tensorflow/tfjs';
import type { Augmentation } from '../../common/augment.ts';
import { IMAGE_SIZE, NUM_CLASSES } from '../../common/digit.ts';

/**
 * The architectures, by name, and the recipe each was designed to train with. Nothing is built at
 * import time; `buildModel` makes a fresh, randomly initialised model.
 */

export const ARCHITECTURES = ['seed', 'default', 'wide'] as const;
export type ArchName = (typeof ARCHITECTURES)[number];

export interface Recipe {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** 'constant' is the seed's plain Adam; 'onecycle' warms up then anneals to zero */
  readonly schedule: 'constant' | 'onecycle';
  /** one-cycle's linear warm-up from a tenth of the peak, in epochs (ignored by 'constant') */
  readonly warmupEpochs: number;
  readonly labelSmoothing: number;
  /** exponential moving average of the weights, used for evaluation and the saved model; 0 = off */
  readonly emaDecay: number;
  readonly augment: AugmentSettings;
}

/** The distortions a recipe trains with (common/augment.ts). */
export type AugmentSettings = Augmentation;

// Drawn digits vary more than MNIST's: wider slants, sizes and pen widths, hence shear and thickness.
const THREE_BLOCKS_RECIPE: Recipe = {
  epochs: 12,
  batchSize: 128,
  learningRate: 1e-2,
  schedule: 'onecycle',
  warmupEpochs: 0.25,
  labelSmoothing: 0.1,
  emaDecay: 0.999,
  augment: { rotation: 12, zoom: 0.12, shift: 0.08, shear: 12, thickness: 0.3 },
};

export const RECIPES: Readonly<Record<ArchName, Recipe>> = {
  // The original project's recipe, unchanged (Keras ImageDataGenerator rotation 10, zoom 0.1, shifts 0.1).
  seed: {
    epochs: 12,
    batchSize: 32,
    learningRate: 1e-3,
    schedule: 'constant',
    warmupEpochs: 0,
    labelSmoothing: 0,
    emaDecay: 0,
    augment: { rotation: 10, zoom: 0.1, shift: 0.1, shear: 0, thickness: 0 },
  },
  // wide and default share one recipe, so they compare like for like
  default: THREE_BLOCKS_RECIPE,
  wide: THREE_BLOCKS_RECIPE,
};

export const DESCRIPTIONS: Readonly<Record<ArchName, string>> = {
  seed: "The original project's network and recipe",
  default: 'Three conv blocks (32-48-96, the last two with two convs and BN each), one-cycle Adam, label smoothing, weight averaging',
  wide: 'Three conv blocks (48-96-160, BN on the last two), one-cycle Adam, label smoothing, weight averaging',
};

export function isArchName(name: string): name is ArchName {
  return (ARCHITECTURES as readonly string[]).includes(name);
}

/**
 * `outputs`: NUM_CLASSES digits, or OUTPUTS_WITH_REJECTION for a model that also answers "not a
 * digit" (common/reading.ts), trained when real pen data is at hand (ml/training/penMix.ts).
 */
export function buildModel(arch: ArchName, seed = 1, outputs = NUM_CLASSES): tf.LayersModel {
  switch (arch) {
    case 'seed':
      return buildSeed(seed, outputs);
    case 'default':
      return buildThreeBlocks('default', [32, 48, 96], seed, outputs, 2);
    case 'wide':
      return buildThreeBlocks('wide', [48, 96, 160], seed, outputs);
  }
}

const INPUT_SHAPE = [IMAGE_SIZE, IMAGE_SIZE, 1];

/** Conv2D(64,3x3,relu) → BN → MaxPool 2x2 → Flatten → Dense 128 relu → Dropout 0.5 → Dense 10 softmax. */
function buildSeed(seed: number, outputs: number): tf.LayersModel {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  return tf.sequential({
    name: 'seed',
    layers: [
      tf.layers.conv2d({ inputShape: INPUT_SHAPE, filters: 64, kernelSize: 3, activation: 'relu', kernelInitializer: init(0) }),
      tf.layers.batchNormalization(),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.dropout({ rate: 0.5 }),
      tf.layers.dense({ units: outputs, activation: 'softmax', kernelInitializer: init(2) }),
    ],
  });
}

/**
 * Keras's 0.99 keeps the moving statistics ~100 steps behind weights that move fast early in a
 * one-cycle run, and evaluation uses those statistics, so early evaluations read lower with 0.99.
 * The weight average smooths the noisier statistics later. Figures: BENCHMARKS.md, "Training speed".
 */
const BATCH_NORM_MOMENTUM = 0.9;

/**
 * Three conv blocks widening (32 → 48 → 96 for default, 48 → 96 → 160 for wide) while 2x2 max-pools
 * halve the image, then a small classifier. The first block's 5x5 conv runs at full resolution, so it
 * stays single and without BN: with one input channel BN gains little there and its activations made
 * it the costliest layer to normalise. default puts a second 3x3 conv in each later block, where the
 * image is small and depth is cheap, and that scored higher than widening (wide: one conv per block).
 * BN on the later convs lets a high one-cycle learning rate converge in few epochs.
 * Figures: BENCHMARKS.md, "Accuracy of the shipped models".
 */
function buildThreeBlocks(name: ArchName, widths: readonly [number, number, number], seed: number, outputs: number, convsPerBlock = 1): tf.LayersModel {
  const init = (offset: number) => tf.initializers.heNormal({ seed: seed + offset });
  const convolution = (filters: number, offset: number): tf.layers.Layer[] => [
    tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: init(offset) }),
    tf.layers.batchNormalization({ momentum: BATCH_NORM_MOMENTUM }),
    tf.layers.reLU(),
  ];
  // A block's second conv takes offset + 10, so its first starts from the same weights with one conv or two.
  const block = (filters: number, offset: number): tf.layers.Layer[] => [
    ...Array.from({ length: convsPerBlock }, (_, i) => convolution(filters, offset + 10 * i)).flat(),
    tf.layers.maxPooling2d({ poolSize: 2 }),
  ];
  return tf.sequential({
    name,
    layers: [
      tf.layers.conv2d({ inputShape: INPUT_SHAPE, filters: widths[0], kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: init(0) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      ...block(widths[1], 1),
      ...block(widths[2], 2),
      tf.layers.flatten(),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: outputs, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 3 }) }),
    ],
  });
}
