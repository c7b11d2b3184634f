import type * as tfjs from '@tensorflow/tfjs';
import { NUM_CLASSES } from '../digit.ts';

/**
 * Class prototypes beside the head. A head trained for 100 steps with a pull toward the base weights
 * moves little, so it learns a writer's systematic strokes and misses their scattered ones; the mean
 * feature of the writer's own digits of each class (their augmented views included) says "digits
 * of this writer that look like this are 7s" however the writer's 7s differ from MNIST's. The term
 * added to class c's logit is weight * (<f, p_c> / scale - offset): p_c the unit-length mean
 * feature, scale the writer's mean feature length (so the dot product is about a cosine, 0..1 for
 * the non-negative features after ReLU), offset the mean of that cosine between a digit and the
 * other classes' prototypes (so a class the writer did not teach, and "not a digit", lose nothing
 * on average). Being linear in f, the term folds exactly into the Dense layer that reads f: the
 * taught model stays one tfjs layers model, saved, loaded and read as before.
 *
 * "Not a digit" gets a prototype too, from drawn shapes that are no digit (./nonDigitInk.ts), at
 * a lower weight: without one, a dash or a scribble is pulled toward the digit prototype it most
 * resembles and the model turns fewer of them away.
 */

export interface Prototypes {
  /** [classes, F]: unit-length mean feature of each class, zero for a class with no rows */
  readonly directions: tfjs.Tensor2D;
  /** [classes]: how much each class's term counts: 1 for a taught digit, nonDigitWeight for "not a digit", 0 for the others */
  readonly weights: tfjs.Tensor1D;
  readonly scale: number;
  readonly offset: number;
}

/**
 * Prototypes of `rows` [m, F] (features of the player's digits, class `labels[i]` for row i);
 * `nonDigit` [k, F], features of ink that is no digit, gives class NUM_CLASSES one when the model
 * has that output.
 */
export function classPrototypes(tf: typeof tfjs, rows: tfjs.Tensor2D, labels: Int32Array, classes: number, nonDigit: tfjs.Tensor2D | null, nonDigitWeight: number): Prototypes {
  return tf.tidy(() => {
    const hot = tf.oneHot(tf.tensor1d(labels, 'int32'), classes);
    let sums: tfjs.Tensor2D = tf.matMul(hot, rows, true, false);
    const taught = Array.from(tf.greater(tf.sum(hot, 0), 0).dataSync(), (t, c): number => (t && c < NUM_CLASSES ? 1 : 0));
    const weights = taught.slice();
    if (nonDigit !== null && classes > NUM_CLASSES && nonDigit.shape[0] > 0) {
      const row = tf.oneHot(tf.tensor1d([NUM_CLASSES], 'int32'), classes);
      sums = tf.add(sums, tf.matMul(row, tf.sum(nonDigit, 0, true), true, false));
      weights[NUM_CLASSES] = nonDigitWeight;
    }
    const directions = tf.div<tfjs.Tensor2D>(sums, tf.maximum(tf.norm(sums, 'euclidean', 1, true), 1e-12));
    const scale = tf.mean(tf.norm(rows, 'euclidean', 1)).dataSync()[0] ?? 1;
    // a row's cosine with the prototypes of the other digits the writer taught
    const cosines = tf.div(tf.matMul(rows, directions, false, true), scale);
    const others = tf.mul(tf.sub(1, hot), tf.tensor1d(taught));
    const count = tf.sum(others).dataSync()[0] ?? 0;
    const offset = count === 0 ? 0 : (tf.sum(tf.mul(cosines, others)).dataSync()[0] ?? 0) / count;
    return { directions: tf.keep(directions), weights: tf.keep(tf.tensor1d(weights)), scale, offset };
  });
}

/** The prototype term for features `x` [rows, F] at weight 1: [rows, classes]. */
export function prototypeTerm(tf: typeof tfjs, prototypes: Prototypes, x: tfjs.Tensor2D): tfjs.Tensor2D {
  return tf.tidy(() => tf.mul(tf.sub(tf.div(tf.matMul(x, prototypes.directions, false, true), prototypes.scale), prototypes.offset), prototypes.weights));
}

/** Adds `weight` times the term into `dense`, the Dense layer that reads the features: kernel [F, classes], bias [classes]. */
export function foldPrototypes(tf: typeof tfjs, dense: tfjs.layers.Layer, prototypes: Prototypes, weight: number): void {
  const [kernel, bias] = dense.getWeights();
  if (kernel === undefined || bias === undefined) throw new Error(`folding prototypes needs a Dense layer with a bias, got ${dense.name}`);
  const folded = tf.tidy(() => {
    const column = tf.mul(prototypes.weights, weight);
    return [tf.add(kernel, tf.mul(tf.transpose(prototypes.directions), tf.div(column, prototypes.scale))), tf.sub(bias, tf.mul(column, prototypes.offset))];
  });
  dense.setWeights(folded);
  tf.dispose(folded);
}

/**
 * Of `weights`, the one under which `reads` (probabilities without the term, [rows, classes], the
 * term at weight 1 and the true labels) have the least negative log-likelihood; ties go to the
 * smaller weight.
 */
export function choosePrototypeWeight(tf: typeof tfjs, reads: readonly { readonly probabilities: tfjs.Tensor2D; readonly term: tfjs.Tensor2D; readonly labels: Int32Array }[], weights: readonly number[]): number {
  let best = { weight: 0, loss: Infinity };
  for (const weight of weights) {
    const loss = tf.tidy(() => {
      const parts = reads.map(({ probabilities, term, labels }) => {
        const logits = tf.add(tf.log(tf.maximum(probabilities, 1e-30)), tf.mul(term, weight));
        return tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(tf.tensor1d(labels, 'int32'), term.shape[1])));
      });
      return -(tf.addN(parts).dataSync()[0] ?? Number.NaN);
    });
    if (loss < best.loss - 1e-9) best = { weight, loss };
  }
  return best.weight;
}

export function disposePrototypes(prototypes: Prototypes): void {
  prototypes.directions.dispose();
  prototypes.weights.dispose();
}
