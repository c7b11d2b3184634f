import * as tf from '@tensorflow/tfjs';

/**
 * Starts `model` from a trained model of the same architecture: every weight of the same shape is
 * copied, and a last layer with more outputs than the source's (the digits plus "not a digit")
 * takes the source's columns for the outputs both have and keeps its fresh initialisation for the
 * new one. Returns how many weights were copied whole and how many in part.
 */
export function warmStart(model: tf.LayersModel, from: tf.LayersModel): { copied: number; partial: number } {
  const target = model.getWeights();
  const source = from.getWeights();
  if (target.length !== source.length) {
    throw new Error(`cannot start from a model with ${source.length} weights: this architecture has ${target.length}`);
  }
  let copied = 0;
  let partial = 0;
  const next = tf.tidy(() => target.map((weight, i) => {
    const old = source[i];
    if (!old) return weight.clone();
    if (JSON.stringify(old.shape) === JSON.stringify(weight.shape)) {
      copied++;
      return old.clone();
    }
    const last = weight.shape.length - 1;
    const sameButLast = weight.shape.slice(0, last).every((d, k) => d === old.shape[k]) && old.shape.length === weight.shape.length;
    if (sameButLast && (old.shape[last] ?? 0) < (weight.shape[last] ?? 0)) {
      partial++;
      const begin = weight.shape.map((_, k) => (k === last ? (old.shape[last] ?? 0) : 0));
      const extra = tf.slice(weight, begin);
      return tf.concat([old, extra], last);
    }
    throw new Error(`weight ${i} is ${JSON.stringify(old.shape)} in the source and ${JSON.stringify(weight.shape)} here`);
  }));
  model.setWeights(next);
  // getWeights gives the variables' own tensors: only the copies made here are ours to dispose
  tf.dispose(next);
  return { copied, partial };
}
