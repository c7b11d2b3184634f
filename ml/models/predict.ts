import * as tf from '@tensorflow/tfjs';
import { NUM_CLASSES } from '../../common/digit.ts';

const PREDICT_BATCH = 500;

/** Class probabilities for [n, 28, 28, 1] images, in batches so memory stays flat. Shape [n, 10]. */
export function predictProbabilities(model: tf.LayersModel, images: tf.Tensor4D): Float32Array {
  const n = images.shape[0];
  let out: Float32Array | undefined;
  for (let start = 0; start < n; start += PREDICT_BATCH) {
    const size = Math.min(PREDICT_BATCH, n - start);
    const probabilities = tf.tidy(() => model.predict(tf.slice(images, start, size)) as tf.Tensor2D);
    const values = probabilities.dataSync() as Float32Array;
    probabilities.dispose();
    out ??= new Float32Array(n * (values.length / size));
    out.set(values, start * (values.length / size));
  }
  return out ?? new Float32Array(0);
}

export function argMaxRows(probabilities: Float32Array, classes: number): Uint8Array {
  const n = probabilities.length / classes;
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if ((probabilities[i * classes + c] ?? 0) > (probabilities[i * classes + best] ?? 0)) best = c;
    labels[i] = best;
  }
  return labels;
}

export function predictLabels(model: tf.LayersModel, images: tf.Tensor4D): Uint8Array {
  const probabilities = predictProbabilities(model, images);
  return argMaxRows(probabilities, probabilities.length / Math.max(1, images.shape[0]));
}

/** The ten digit columns of rows of `outputs` probabilities (a model with a "not a digit" output has 11). */
export function digitColumns(probabilities: Float32Array, outputs: number): Float32Array {
  if (outputs === NUM_CLASSES) return probabilities;
  const n = probabilities.length / outputs;
  const out = new Float32Array(n * NUM_CLASSES);
  for (let i = 0; i < n; i++) out.set(probabilities.subarray(i * outputs, i * outputs + NUM_CLASSES), i * NUM_CLASSES);
  return out;
}

/** The digit each image reads as, whatever else the model may answer: what MNIST accuracy scores. */
export function predictDigits(model: tf.LayersModel, images: tf.Tensor4D): Uint8Array {
  const probabilities = predictProbabilities(model, images);
  return argMaxRows(digitColumns(probabilities, probabilities.length / Math.max(1, images.shape[0])), NUM_CLASSES);
}
