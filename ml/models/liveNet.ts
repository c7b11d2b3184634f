import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE, NUM_CLASSES } from '../../common/digit.ts';

/**
 * The network the Train mode trains from scratch in the page, while the player watches: small
 * enough that one WASM thread runs thousands of images a second, so held-out accuracy passes 95 %
 * within seconds (BENCHMARKS.md, "Train mode"). 8 first-layer filters of 5x5 are big enough to see
 * strokes and edges form as tiles. No batch norm and no dropout: with a few hundred steps a
 * plain net learns fastest, and nothing behaves differently between training and reading.
 *
 *   Conv 8 5x5 relu (28 → 24) → MaxPool 2 → Conv 16 5x5 relu (12 → 8) → MaxPool 2 → Dense 10 softmax
 */

export const LIVE_FILTERS = 8;
export const LIVE_FILTER_SIZE = 5;

export interface LiveRecipe {
  readonly batchSize: number;
  readonly learningRate: number;
}

/**
 * Adam at 3e-3, batches of 32. 1e-3, 1e-2 and batches of 64 came within a point of it at the same
 * number of digits seen (BENCHMARKS.md, "Train mode"); small batches move the curves and filters
 * more often for the same work.
 */
export const LIVE_RECIPE: LiveRecipe = Object.freeze({ batchSize: 32, learningRate: 3e-3 });

export function buildLiveNet(seed: number): tf.LayersModel {
  const init = (offset: number) => tf.initializers.heNormal({ seed: seed + offset });
  return tf.sequential({
    name: 'trained-here',
    layers: [
      tf.layers.conv2d({ inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1], filters: LIVE_FILTERS, kernelSize: LIVE_FILTER_SIZE, activation: 'relu', kernelInitializer: init(0) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }),
    ],
  });
}
