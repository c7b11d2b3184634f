import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../../common/digit.ts';
import type { Recipe } from './architectures.ts';
import { PIECE_CHANNELS, PIECE_CLASSES } from '../../common/segmentation/readNumber.ts';

/**
 * The piece verifier: does this normalised piece hold exactly one digit, and which? A small network
 * suffices (the shapes that matter are coarse: a second digit's strokes beside the first,
 * a digit cut short); it runs on every piece the segmentation proposes, live while the player writes,
 * so it must cost a fraction of the digit classifier.
 */
export function buildPieceModel(seed = 1): tf.LayersModel {
  const init = (offset: number) => tf.initializers.heNormal({ seed: seed + offset });
  return tf.sequential({
    name: 'pieces',
    layers: [
      tf.layers.conv2d({ inputShape: [IMAGE_SIZE, IMAGE_SIZE, PIECE_CHANNELS], filters: 16, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: init(0) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: init(1) }),
      tf.layers.batchNormalization(),
      tf.layers.reLU(),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 48, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: init(2) }),
      tf.layers.batchNormalization(),
      tf.layers.reLU(),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: PIECE_CLASSES, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 3 }) }),
    ],
  });
}

/** Pieces are already as varied as the cuts that made them; augmentation only adds pen and slant. */
export const PIECE_RECIPE: Recipe = {
  epochs: 6,
  batchSize: 128,
  learningRate: 3e-3,
  schedule: 'onecycle',
  warmupEpochs: 0.9, // 15 % of its 6 epochs, as before warm-ups were given in epochs
  labelSmoothing: 0,
  emaDecay: 0.999,
  augment: { rotation: 6, zoom: 0.05, shift: 0.03, shear: 6, thickness: 0.3 },
};
