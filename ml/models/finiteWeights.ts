import type * as tf from '@tensorflow/tfjs';
import { nonFiniteWeight } from '../../common/finiteWeights.ts';

export class NonFiniteWeightsError extends Error {
  override name = 'NonFiniteWeightsError';
}

/** Throws when a weight of `model` holds NaN or ±Infinity; `source` (a file or directory) names the model. */
export function checkFiniteWeights(model: tf.LayersModel, source: string): void {
  const problem = nonFiniteWeight(model.weights.map((weight) => ({ name: weight.originalName, values: weight.read().dataSync() })));
  if (problem !== null) throw new NonFiniteWeightsError(`${source}: ${problem}; the model would read every drawing as NaN`);
}
