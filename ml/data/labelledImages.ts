import type * as tf from '@tensorflow/tfjs';
import { createRandom, shuffle } from '../../common/random.ts';

/** Digits as the training loop, calibration and evaluation take them: whole-dataset tensors. */
export interface LabelledImages {
  /** [n, 28, 28, 1] float32 in 0..1 */
  readonly images: tf.Tensor4D;
  readonly labels: Uint8Array;
}

/**
 * A permutation of 0..count-1 that depends only on (seed, epoch): the training loop's batch order
 * for an epoch (so a resumed epoch sees the same batches), and with a fixed seed the train/validation split.
 */
export function epochOrder(count: number, seed: number, epoch: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  shuffle(createRandom(seed * 7919 + epoch * 104729 + 1), order);
  return order;
}
