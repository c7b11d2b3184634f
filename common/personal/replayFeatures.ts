import type * as tfjs from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../digit.ts';
import { shuffle, type Random } from '../random.ts';
import { selectExamples, type Examples } from './examples.ts';
import { runLayers } from './headModel.ts';

/** `size` digits of the replay set (all of them when it holds fewer), drawn without repeats. */
export function replayPool(replay: Examples, size: number, random: Random): Examples {
  const indices = Uint32Array.from({ length: replay.labels.length }, (_, i) => i);
  shuffle(random, indices);
  return selectExamples(replay, indices.subarray(0, Math.min(size, indices.length)));
}

/**
 * The frozen layers' output for `examples`, [n, ...features], computed `chunk` rows at a time with
 * `afterChunk` awaited between chunks (the browser yields a frame there). The caller disposes it.
 */
export async function featuresOf(
  tf: typeof tfjs,
  frozen: readonly tfjs.layers.Layer[],
  examples: Examples,
  chunk: number,
  afterChunk: () => Promise<void> | void,
): Promise<tfjs.Tensor> {
  const n = examples.labels.length;
  const parts: tfjs.Tensor[] = [];
  try {
    for (let from = 0; from < n; from += chunk) {
      const rows = Math.min(chunk, n - from);
      const images = examples.images.subarray(from * IMAGE_SIZE * IMAGE_SIZE, (from + rows) * IMAGE_SIZE * IMAGE_SIZE);
      parts.push(tf.tidy(() => runLayers(frozen, tf.tensor4d(images, [rows, IMAGE_SIZE, IMAGE_SIZE, 1]), false)));
      await afterChunk();
    }
    if (parts.length === 0) return tf.zeros([0, 1]);
    return tf.concat(parts);
  } finally {
    tf.dispose(parts);
  }
}
