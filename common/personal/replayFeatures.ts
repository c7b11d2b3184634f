import type * as tfjs from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../digit.ts';
import { shuffle, type Random } from '../random.ts';
import { selectExamples, type Examples } from './examples.ts';
import { runLayers } from './headModel.ts';

/**
 * Two disjoint draws from the replay set, without repeats: `pool` digits that teaching mixes into
 * its batches, and `calibration` digits it never learns from, on which the temperature is refitted
 * (a set holding fewer gives the pool what it has first).
 */
export function replayDraws(replay: Examples, pool: number, calibration: number, random: Random): { readonly pool: Examples; readonly calibration: Examples } {
  const indices = Uint32Array.from({ length: replay.labels.length }, (_, i) => i);
  shuffle(random, indices);
  const inPool = Math.min(pool, indices.length);
  return {
    pool: selectExamples(replay, indices.subarray(0, inPool)),
    calibration: selectExamples(replay, indices.subarray(inPool, Math.min(inPool + calibration, indices.length))),
  };
}

/**
 * The frozen layers' output for `examples`, [n, ...features], computed `chunk` rows at a time with
 * `afterChunk` awaited between chunks (the browser yields a frame there); `fill` writes each chunk's
 * images first when they are drawn as they go, `prepare` transforms them (augmentation). The caller
 * disposes it.
 */
export async function featuresOf(
  tf: typeof tfjs,
  frozen: readonly tfjs.layers.Layer[],
  examples: Examples,
  chunk: number,
  afterChunk: () => Promise<void> | void,
  prepare: (images: tfjs.Tensor4D) => tfjs.Tensor4D = (images) => images,
  fill?: (images: Float32Array, from: number, rows: number) => void,
): Promise<tfjs.Tensor> {
  const n = examples.labels.length;
  const parts: tfjs.Tensor[] = [];
  try {
    for (let from = 0; from < n; from += chunk) {
      const rows = Math.min(chunk, n - from);
      fill?.(examples.images, from, rows);
      const images = examples.images.subarray(from * IMAGE_SIZE * IMAGE_SIZE, (from + rows) * IMAGE_SIZE * IMAGE_SIZE);
      parts.push(tf.tidy(() => runLayers(frozen, prepare(tf.tensor4d(images, [rows, IMAGE_SIZE, IMAGE_SIZE, 1])), false)));
      await afterChunk();
    }
    if (parts.length === 0) return tf.zeros([0, 1]);
    return tf.concat(parts);
  } finally {
    tf.dispose(parts);
  }
}

/**
 * One blank image through `frozen`, awaiting `afterLayer` after each layer that holds weights: the
 * backend prepares a layer's weights the first time it runs (WASM packs them), which in a fresh
 * page made the first chunk of featuresOf the longest part of teaching.
 */
export async function warmLayers(tf: typeof tfjs, frozen: readonly tfjs.layers.Layer[], afterLayer: () => Promise<void> | void): Promise<void> {
  let x: tfjs.Tensor = tf.zeros([1, IMAGE_SIZE, IMAGE_SIZE, 1]);
  try {
    for (const layer of frozen) {
      const input = x;
      x = tf.tidy(() => runLayers([layer], input, false));
      input.dispose();
      if (layer.weights.length > 0) await afterLayer();
    }
  } finally {
    x.dispose();
  }
}

/** How many parts warmLayers takes for `frozen`. */
export function warmParts(frozen: readonly tfjs.layers.Layer[]): number {
  return frozen.filter((layer) => layer.weights.length > 0).length;
}
