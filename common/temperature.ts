import type * as tfjs from '@tensorflow/tfjs';
import { NUM_CLASSES } from './digit.ts';

/**
 * Temperature calibration. Label smoothing (0.1 over 10 classes) teaches a model to answer about
 * 0.91 for a digit it is sure of, so "confidence ≥ 0.9" would mean almost nothing to the game. One
 * temperature T, fitted on held-out images by minimising the negative log-likelihood, turns the
 * outputs into honest probabilities: p_i ∝ p_i^(1/T). It never changes which digit wins. Plain
 * numbers, so training (ml/models/temperature.ts) and teaching in the page (common/personal/) fit
 * it with the same code.
 */

const SEARCH = { low: Math.log(0.05), high: Math.log(5), steps: 60 } as const;

/** Mean negative log-likelihood of `labels` under probabilities sharpened by 1/T. */
export function temperedLoss(probabilities: Float32Array, labels: ArrayLike<number>, temperature: number): number {
  const n = labels.length;
  // NUM_CLASSES digits, or one more for a model that also answers "not a digit"
  const classes = n > 0 ? probabilities.length / n : NUM_CLASSES;
  let total = 0;
  const logits = new Float64Array(classes);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) {
      const v = Math.log(Math.max(probabilities[i * classes + c] ?? 0, 1e-12)) / temperature;
      logits[c] = v;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp((logits[c] ?? 0) - max);
    total += max + Math.log(sum) - (logits[labels[i] ?? 0] ?? 0);
  }
  return total / n;
}

/** The temperature minimising `temperedLoss`, by golden-section search on log T (the loss is unimodal there). */
export function fitTemperature(probabilities: Float32Array, labels: ArrayLike<number>): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let { low, high } = SEARCH;
  const loss = (logT: number) => temperedLoss(probabilities, labels, Math.exp(logT));
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = loss(a);
  let lossB = loss(b);
  for (let step = 0; step < SEARCH.steps; step++) {
    if (lossA < lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = loss(a);
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = loss(b);
    }
  }
  return Math.exp((low + high) / 2);
}

/**
 * Bakes 1/T into `layer`, a Dense softmax layer (softmax((Wx + b) / T): kernel and bias divided
 * alike), so every reader of the model gets the calibrated probabilities as they are. `tf` is passed
 * in because common/ loads no tfjs of its own. `what` names the model in the refusal.
 */
export function bakeTemperature(tf: typeof tfjs, layer: tfjs.layers.Layer | undefined, temperature: number, what: string): void {
  const config = layer?.getConfig() as { activation?: string } | undefined;
  if (layer?.getClassName() !== 'Dense' || config?.activation !== 'softmax') {
    throw new Error(`${what} needs a Dense softmax layer last`);
  }
  const scaled = tf.tidy(() => layer.getWeights().map((w) => tf.div(w, temperature)));
  layer.setWeights(scaled);
  tf.dispose(scaled);
}
