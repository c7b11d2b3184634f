import * as tf from '@tensorflow/tfjs';
import { augmentImages, type Augmentation } from '../../common/augment.ts';
import type { Random } from '../../common/random.ts';

/**
 * Training's augmentation on Node's tfjs: the shared distortions of common/augment.ts, which the
 * in-browser fine-tuning runs too. Input and output: [batch, 28, 28, 1], 0..1.
 */
export function augmentBatch(images: tf.Tensor4D, settings: Augmentation, random: Random): tf.Tensor4D {
  return augmentImages(tf, images, settings, random);
}
