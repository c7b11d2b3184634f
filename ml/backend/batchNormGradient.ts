import * as tf from '@tensorflow/tfjs';

/**
 * tfjs-core's gradient for FusedBatchNorm tiles the per-channel factor up to the whole activation
 * shape before multiplying ([1,1,1,C] → [B,H,W,C]); on WASM that Tile was the single most expensive
 * kernel of a training step. The same math with broadcasting multiplies allocate nothing extra.
 * Registered globally (gradients are not per backend); the values are unchanged, a test compares them
 * with a numerical reference.
 */
let original: tf.GradConfig | undefined;

export function registerBatchNormGradient(): void {
  original ??= tf.getGradient(tf.FusedBatchNorm);
  tf.registerGradient({
    kernelName: tf.FusedBatchNorm,
    inputsToSave: ['x', 'mean', 'variance', 'scale'],
    gradFunc: (dy, saved, attrs) => {
      const gradient = Array.isArray(dy) ? dy[0] : dy;
      const [x, mean, variance, scale] = saved;
      if (!gradient || !x || !mean || !variance) throw new Error('FusedBatchNorm gradient: missing saved tensors');
      const epsilon = (attrs as { varianceEpsilon?: number }).varianceEpsilon ?? 1e-3;
      // Per-channel tensors broadcast along the last axis; sums reduce every other axis.
      const axes = x.shape.slice(0, -1).map((_, i) => i);
      const perChannel = (t: tf.Tensor) => (mean.rank === 1 ? tf.sum(t, axes) : t);
      const scaleValue = scale ?? tf.scalar(1);
      const inverseStd = tf.rsqrt(tf.add(variance, epsilon));
      const xMinusMean = tf.sub(x, mean);
      const dyTimesScale = tf.mul(gradient, scaleValue);
      return {
        x: () => tf.mul(gradient, tf.mul(inverseStd, scaleValue)),
        mean: () => tf.reshape(perChannel(tf.mul(dyTimesScale, tf.neg(inverseStd))), mean.shape),
        variance: () =>
          tf.reshape(perChannel(tf.mul(tf.mul(xMinusMean, dyTimesScale), tf.mul(tf.pow(inverseStd, 3), -0.5))), mean.shape),
        scale: () => tf.reshape(perChannel(tf.mul(gradient, tf.mul(xMinusMean, inverseStd))), mean.shape),
        offset: () => tf.reshape(perChannel(gradient), mean.shape),
      };
    },
  });
}

/** Puts tfjs-core's own gradient back, e.g. so a benchmark baseline measures plain tfjs. */
export function restoreBatchNormGradient(): void {
  if (original) tf.registerGradient(original);
}
