import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { NUM_CLASSES } from '../../../common/digit.ts';
import { createRandom } from '../../../common/random.ts';
import { initBackend } from '../../../ml/backend/backend.ts';
import { buildModel } from '../../../ml/models/architectures.ts';
import { fitTemperature, temperedLoss } from '../../../common/temperature.ts';
import { applyTemperature } from '../../../ml/models/temperature.ts';

/**
 * Synthetic predictions whose true temperature is known: labels drawn from softmax(z / T_true)
 * while the "model" reports softmax(z). The fit must recover T_true.
 */
function sample(trueTemperature: number, n: number, seed: number): { probabilities: Float32Array; labels: Uint8Array } {
  const random = createRandom(seed);
  const probabilities = new Float32Array(n * NUM_CLASSES);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const logits = Array.from({ length: NUM_CLASSES }, () => 4 * random.next());
    const softmax = (scale: number) => {
      const e = logits.map((z) => Math.exp(z / scale));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / sum);
    };
    probabilities.set(softmax(1), i * NUM_CLASSES);
    const truth = softmax(trueTemperature);
    let u = random.next();
    let label = 0;
    while (label < NUM_CLASSES - 1 && u > (truth[label] ?? 0)) u -= truth[label++] ?? 0;
    labels[i] = label;
  }
  return { probabilities, labels };
}

describe('temperature calibration', () => {
  test.each([0.5, 1, 2])('recovers a true temperature of %s', (trueTemperature) => {
    const { probabilities, labels } = sample(trueTemperature, 20_000, 7);
    const fitted = fitTemperature(probabilities, labels);
    expect(fitted).toBeGreaterThan(trueTemperature * 0.9);
    expect(fitted).toBeLessThan(trueTemperature * 1.1);
    expect(temperedLoss(probabilities, labels, fitted)).toBeLessThanOrEqual(temperedLoss(probabilities, labels, 1) + 1e-9);
  });

  describe('applied to a model', () => {
    beforeAll(async () => {
      await initBackend('wasm');
    });

    test('sharpens the softmax without changing the winning digit', () => {
      const model = buildModel('default', 3);
      const input = tf.randomUniform([32, 28, 28, 1], 0, 1, 'float32', 5);
      const before = (model.predict(input) as tf.Tensor).arraySync() as number[][];
      applyTemperature(model, 0.5);
      const after = (model.predict(input) as tf.Tensor).arraySync() as number[][];
      before.forEach((row, i) => {
        const argMax = (r: number[]) => r.indexOf(Math.max(...r));
        const sharpened = row.map((p) => p ** 2);
        const total = sharpened.reduce((a, b) => a + b, 0);
        expect(argMax(after[i] ?? [])).toBe(argMax(row));
        sharpened.forEach((p, c) => { expect(after[i]?.[c]).toBeCloseTo(p / total, 5); });
      });
      tf.dispose(input);
      model.dispose();
    });

    test('refuses a model whose last layer is not a softmax Dense', () => {
      const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 10 })] });
      expect(() => { applyTemperature(model, 0.5); }).toThrow(/Dense softmax/);
      model.dispose();
    });
  });
});
