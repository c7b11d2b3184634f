import * as tf from '@tensorflow/tfjs';
import { argMaxRows, predictProbabilities } from '../models/predict.ts';

/**
 * What one pass over (a range of) the validation images adds up: how many the model classifies
 * right and the sum of their cross-entropy losses. Sums, not means, so the slices the gradient
 * workers score add up to the whole split exactly as one thread would score it.
 */
export interface ValidationTally {
  readonly count: number;
  readonly correct: number;
  /** sum over the images of -ln p(true label), each clamped at -ln MIN_PROBABILITY */
  readonly lossSum: number;
}

/** Keeps one confidently wrong image from making the mean loss infinite. */
const MIN_PROBABILITY = 1e-7;

/** Scores images [start, end) of `images` ([n, 28, 28, 1]) against `labels[start..end)`. */
export function tallyValidation(model: tf.LayersModel, images: tf.Tensor4D, labels: Uint8Array, start = 0, end = labels.length): ValidationTally {
  const part = start === 0 && end === images.shape[0] ? images : tf.slice(images, start, end - start);
  let probabilities: Float32Array;
  try {
    probabilities = predictProbabilities(model, part);
  } finally {
    if (part !== images) part.dispose();
  }
  const count = end - start;
  const classes = count ? probabilities.length / count : 0;
  const predicted = argMaxRows(probabilities, classes);
  let correct = 0;
  let lossSum = 0;
  for (let i = 0; i < count; i++) {
    const label = labels[start + i] ?? 0;
    if (predicted[i] === label) correct++;
    lossSum -= Math.log(Math.max(MIN_PROBABILITY, probabilities[i * classes + label] ?? 0));
  }
  return { count, correct, lossSum };
}

/** Several slices' tallies as one. */
export function addTallies(tallies: readonly ValidationTally[]): ValidationTally {
  return tallies.reduce((sum, t) => ({ count: sum.count + t.count, correct: sum.correct + t.correct, lossSum: sum.lossSum + t.lossSum }), { count: 0, correct: 0, lossSum: 0 });
}
