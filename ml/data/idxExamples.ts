import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS } from '../../common/digit.ts';
import type { Examples } from '../../common/personal/examples.ts';
import type { IdxPair } from './idxPair.ts';
import { asLabelledImages, normalizeImages } from './splits.ts';

/**
 * An IDX pair as fine-tuning examples, the way evaluate reads it: 28x28 images as they are, or with
 * `normalize` the shared preprocessing first (any size). `blank` counts images with no ink to read.
 */
export function idxExamples(pair: IdxPair, normalize: boolean): { readonly examples: Examples; readonly blank: number } {
  const prepared = normalize ? normalizeImages(pair.images) : { ...asLabelledImages(pair), blank: 0 };
  const images = prepared.images.dataSync() as Float32Array;
  tf.dispose(prepared.images);
  return { examples: { images, labels: pair.labels }, blank: normalize ? prepared.blank : countBlank(images) };
}

function countBlank(images: Float32Array): number {
  let blank = 0;
  for (let start = 0; start < images.length; start += IMAGE_PIXELS) {
    if (images.subarray(start, start + IMAGE_PIXELS).every((v) => v === 0)) blank++;
  }
  return blank;
}
