import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../../common/digit.ts';
import { centreLikeMnist } from '../../common/preprocess.ts';
import { inkFromBytes, inkImage } from '../../common/digit.ts';
import type { IdxImages } from './idx.ts';
import type { MnistSplit } from './mnist.ts';
import { epochOrder, type LabelledImages } from './labelledImages.ts';

/** Images held out of MNIST's 60k training set for model selection; the 10k test set is kept for final figures. */
export const VALIDATION_SIZE = 5000;
/** Fixed, so every model is selected on the same held-out images. */
const SPLIT_SEED = 20240;

export interface TrainingSplits {
  readonly train: LabelledImages;
  readonly validation: LabelledImages;
}

/** Shuffles once with a fixed seed, holds out VALIDATION_SIZE images, and keeps `limit` of the rest. */
export function splitTraining(split: MnistSplit, limit?: number): TrainingSplits {
  const order = epochOrder(split.labels.length, SPLIT_SEED, 0);
  const validationIndices = order.subarray(0, VALIDATION_SIZE);
  const trainIndices = order.subarray(VALIDATION_SIZE, limit === undefined ? undefined : VALIDATION_SIZE + limit);
  return { train: select(split, trainIndices), validation: select(split, validationIndices) };
}

function select(split: MnistSplit, indices: Uint32Array): LabelledImages {
  const pixels = IMAGE_SIZE * IMAGE_SIZE;
  const bytes = new Uint8Array(indices.length * pixels);
  const labels = new Uint8Array(indices.length);
  indices.forEach((index, i) => {
    bytes.set(split.images.data.subarray(index * pixels, (index + 1) * pixels), i * pixels);
    labels[i] = split.labels[index] ?? 0;
  });
  return { images: toTensor(bytes, indices.length), labels };
}

export function asLabelledImages(split: MnistSplit): LabelledImages {
  if (split.images.width !== IMAGE_SIZE || split.images.height !== IMAGE_SIZE) {
    throw new Error(`images are ${split.images.width}x${split.images.height}; 28x28 needs no --normalize, other sizes need --normalize on`);
  }
  return { images: toTensor(split.images.data, split.images.count), labels: split.labels };
}

/** uint8 0..255 → float 0..1, shaped [n, 28, 28, 1] */
function toTensor(bytes: Uint8Array, count: number): tf.Tensor4D {
  return tf.tensor4d(inkFromBytes(bytes), [count, IMAGE_SIZE, IMAGE_SIZE, 1]);
}

/**
 * Runs the shared MNIST-style normalisation over images of any size, exactly as the game does for a
 * drawing. Blank images stay blank (all zeros), so they count as errors rather than vanishing.
 */
export function normalizeImages(images: IdxImages): LabelledImagesPixels {
  const { count, width, height, data } = images;
  const out = new Float32Array(count * IMAGE_SIZE * IMAGE_SIZE);
  const source = new Float32Array(width * height);
  let blank = 0;
  for (let i = 0; i < count; i++) {
    inkFromBytes(data.subarray(i * source.length, (i + 1) * source.length), source);
    const result = centreLikeMnist(inkImage(width, height, source));
    if (result.blank) blank++;
    else out.set(result.pixels, i * IMAGE_SIZE * IMAGE_SIZE);
  }
  return { images: tf.tensor4d(out, [count, IMAGE_SIZE, IMAGE_SIZE, 1]), blank };
}

export interface LabelledImagesPixels {
  readonly images: tf.Tensor4D;
  readonly blank: number;
}
