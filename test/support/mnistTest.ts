import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, IMAGE_SIZE } from '../../common/digit.ts';
import { loadMnistSplit, type MnistSplit } from '../../ml/data/mnist.ts';
import type { LabelledImages } from '../../ml/data/labelledImages.ts';

/** The directory holding the original MNIST .gz files; tests that need real digits fail loudly without it. */
export function mnistDir(): string {
  const dir = process.env.MNIST_DIR;
  if (!dir) throw new Error('MNIST_DIR is not set: point it at the directory holding the MNIST .gz files');
  return dir;
}

/** The MNIST test split from `MNIST_DIR`. */
export async function loadMnistTest(): Promise<MnistSplit> {
  return loadMnistSplit('test', { dataDir: mnistDir(), mirrors: [] });
}

/** The MNIST training split (60k) from `MNIST_DIR`. */
export async function loadMnistTrain(): Promise<MnistSplit> {
  return loadMnistSplit('train', { dataDir: mnistDir(), mirrors: [] });
}

/** `count` images from `start` of a split, as the [n, 28, 28, 1] 0..1 tensor training reads. */
export function labelled(split: MnistSplit, start: number, count: number): LabelledImages {
  const bytes = split.images.data.subarray(start * IMAGE_PIXELS, (start + count) * IMAGE_PIXELS);
  const floats = Float32Array.from(bytes, (v) => v / 255);
  return { images: tf.tensor4d(floats, [count, IMAGE_SIZE, IMAGE_SIZE, 1]), labels: split.labels.slice(start, start + count) };
}
