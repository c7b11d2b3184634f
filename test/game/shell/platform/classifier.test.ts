import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { Classifier, ModelValuesError } from '../../../../game/shell/platform/classifier.ts';
import { initBackend } from '../../../../ml/backend/backend.ts';

// The game's check before a model plays (an index model or the personal model read back from
// IndexedDB): a model whose weights or answers are not numbers is refused and disposed.

beforeAll(async () => {
  await initBackend('wasm');
});

/** 28x28x1 -> Flatten -> Dense(10) -> Dense(10, softmax), weights set by `fill(layer, weight)`. */
function digitModel(fill: (layer: number, weight: number) => number): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1] }),
      tf.layers.dense({ units: 10 }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  tf.tidy(() => {
    model.layers.slice(1).forEach((layer, l) => {
      layer.setWeights(layer.getWeights().map((w, i) => tf.fill(w.shape, fill(l, i))));
    });
  });
  return model;
}

test.each([
  { what: 'a NaN kernel', fill: (l: number, w: number) => (l === 1 && w === 0 ? Number.NaN : 0.01), error: /your personal model cannot be played: weight dense_Dense\d+\/kernel holds NaN at index 0/ },
  { what: 'an infinite bias', fill: (l: number, w: number) => (l === 0 && w === 1 ? Number.POSITIVE_INFINITY : 0.01), error: /weight dense_Dense\d+\/bias holds Infinity at index 0/ },
  // finite weights whose sums overflow float32: softmax of [Infinity, ...] is NaN
  { what: 'finite weights that answer NaN', fill: (l: number, w: number) => (l === 0 ? (w === 1 ? 3e38 : 0) : 10), error: 'your personal model cannot be played: it answers NaN for a blank drawing' },
])('$what: refused with the reason, and disposed', async ({ fill, error }) => {
  const before = tf.memory().numTensors;
  const model = digitModel(fill);
  await expect(Classifier.fromModel(model, 'your personal model')).rejects.toThrow(error);
  await expect(Classifier.fromModel(digitModel(fill), 'your personal model')).rejects.toBeInstanceOf(ModelValuesError);
  expect(tf.memory().numTensors).toBe(before);
});

test('a model with finite weights and answers plays', async () => {
  const classifier = await Classifier.fromModel(digitModel(() => 0.01), 'a model');
  const [probabilities] = await classifier.classifyBatch([new Float32Array(784).fill(1)]);
  expect(probabilities?.every(Number.isFinite)).toBe(true);
  classifier.dispose();
});
