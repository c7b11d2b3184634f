import * as tf from '@tensorflow/tfjs';

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
