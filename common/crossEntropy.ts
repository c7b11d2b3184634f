import type * as tfjs from '@tensorflow/tfjs';

/**
 * Mean categorical cross-entropy of softmax outputs (any number of classes) against integer labels,
 * with label smoothing: the loss of training (ml/training/step.ts) and of fine-tuning alike.
 */
export function crossEntropy(tf: typeof tfjs, probabilities: tfjs.Tensor2D, labels: tfjs.Tensor1D, smoothing: number): tfjs.Scalar {
  return tf.tidy(() => {
    const classes = probabilities.shape[1];
    const target = tf.add(tf.mul(tf.oneHot(labels, classes), 1 - smoothing), smoothing / classes);
    const logs = tf.log(tf.clipByValue(probabilities, 1e-7, 1));
    return tf.neg(tf.mean(tf.sum(tf.mul(target, logs), 1))) as tfjs.Scalar;
  });
}
