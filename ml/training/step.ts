import * as tf from '@tensorflow/tfjs';
import { crossEntropy as sharedCrossEntropy } from '../../common/crossEntropy.ts';
import type { Random } from '../../common/random.ts';
import { augmentBatch } from '../data/augment.ts';
import type { Recipe } from '../models/architectures.ts';

/**
 * The one training step on a batch (or on one thread's slice of it): gather the rows, augment them
 * with `random`, run the model in training mode, take the label-smoothed cross-entropy, count how
 * many it classified right, and differentiate the mean loss for every trainable variable. The
 * single-thread loop applies the gradients straight away; in data-parallel training every thread
 * runs this on its slice with the slice's own seed, and the main thread applies their average.
 */

export interface BatchResult {
  /** mean loss over the rows */
  readonly loss: number;
  /** how many of the rows the model classified right */
  readonly correct: number;
  /** in the order of `variables`; the caller disposes them */
  readonly gradients: tf.Tensor[];
}

export function batchGradients(
  model: tf.LayersModel,
  variables: readonly tf.Variable[],
  images: tf.Tensor4D,
  labels: tf.Tensor1D,
  indices: Int32Array,
  recipe: Pick<Recipe, 'augment' | 'labelSmoothing'>,
  random: Random,
): BatchResult {
  return tf.tidy(() => {
    const rows = tf.tensor1d(indices, 'int32');
    const x = augmentBatch(tf.gather(images, rows), recipe.augment, random);
    const y = tf.gather(labels, rows);
    let predicted: tf.Tensor | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const probabilities = model.apply(x, { training: true }) as tf.Tensor2D;
      // variableGrads runs this inside its own scope; keep the predictions for the count below.
      predicted = tf.keep(tf.argMax(probabilities, 1));
      return crossEntropy(probabilities, y, recipe.labelSmoothing);
    }, [...variables]);
    if (!predicted) throw new Error('training step produced no predictions');
    const correct = tf.sum(tf.cast(tf.equal(predicted, y), 'int32')).dataSync()[0] ?? 0;
    predicted.dispose();
    const gradients = variables.map((variable) => {
      const gradient = grads[variable.name];
      if (!gradient) throw new Error(`no gradient for ${variable.name}`);
      return gradient;
    });
    return { loss: value.dataSync()[0] ?? Number.NaN, correct, gradients };
  });
}

/**
 * One optimizer update with `gradients` (in the order of `variables`, which Adam's moments follow),
 * refused before it touches the weights when the loss they came from is not finite.
 */
export function applyGradients(optimizer: tf.Optimizer, variables: readonly tf.Variable[], gradients: readonly (tf.Tensor | undefined)[], loss: number): void {
  if (!Number.isFinite(loss)) throw new Error(`loss became ${loss}: lower the learning rate`);
  const named: tf.NamedTensorMap = {};
  variables.forEach((variable, v) => {
    const gradient = gradients[v];
    if (!gradient) throw new Error(`no gradient for ${variable.name}`);
    named[variable.name] = gradient;
  });
  optimizer.applyGradients(named);
}

/** Mean categorical cross-entropy of softmax outputs against integer labels, with label smoothing (common/crossEntropy.ts). */
export function crossEntropy(probabilities: tf.Tensor2D, labels: tf.Tensor1D, smoothing: number): tf.Scalar {
  return sharedCrossEntropy(tf, probabilities, labels, smoothing);
}

/** The trainable variables of `model`, in the order every thread agrees on (the topology's). */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((weight) => {
    const variable = weight.read();
    if (!isVariable(variable)) throw new Error(`trainable weight ${weight.name} holds no variable`);
    return variable;
  });
}

function isVariable(tensor: tf.Tensor): tensor is tf.Variable {
  return tensor instanceof tf.Variable;
}
