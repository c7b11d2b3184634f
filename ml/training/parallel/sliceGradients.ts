import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../../../common/random.ts';
import { augmentBatch } from '../../data/augment.ts';
import type { Recipe } from '../../models/architectures.ts';
import { crossEntropy } from '../loop.ts';

/**
 * What each thread of a data-parallel training step computes: the mean loss over its slice of the
 * batch, how many of the slice it classified right, and the gradient of that mean loss for every
 * trainable variable. The main thread and the workers run this same function, so a slice's
 * augmentation depends only on its seed and its images, not on which thread computed it.
 */

export interface SliceResult {
  readonly loss: number;
  readonly correct: number;
  /** in the order of `variables` */
  readonly gradients: tf.Tensor[];
}

export function sliceGradients(
  model: tf.LayersModel,
  variables: readonly tf.Variable[],
  images: tf.Tensor4D,
  labels: tf.Tensor1D,
  indices: Int32Array,
  recipe: Recipe,
  seed: number,
): SliceResult {
  return tf.tidy(() => {
    const rows = tf.tensor1d(indices, 'int32');
    const x = augmentBatch(tf.gather(images, rows), recipe.augment, createRandom(seed));
    const y = tf.gather(labels, rows);
    let predicted: tf.Tensor | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const probabilities = model.apply(x, { training: true }) as tf.Tensor2D;
      // variableGrads runs this inside its own scope; keep the predictions for the accuracy below.
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

/** The trainable variables of `model`, in the order every thread agrees on (the topology's). */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((weight) => weight.read() as tf.Variable);
}
