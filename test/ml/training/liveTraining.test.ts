import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { IMAGE_PIXELS } from '../../../common/digit.ts';
import { createRandom } from '../../../common/random.ts';
import type { TrainingSet } from '../../../common/train/trainingSet.ts';
import { initBackend } from '../../../ml/backend/backend.ts';
import { LIVE_FILTER_SIZE, LIVE_FILTERS, LIVE_RECIPE } from '../../../ml/models/liveNet.ts';
import { LiveTraining } from '../../../ml/training/liveTraining.ts';

/** Random digits: enough to step, measure and read; learning itself is the e2e test's and the bench's. */
function randomSet(train: number, heldOut: number): TrainingSet {
  const random = createRandom(3);
  const examples = (n: number) => ({
    images: Float32Array.from({ length: n * IMAGE_PIXELS }, () => random.next()),
    labels: Uint8Array.from({ length: n }, (_, i) => i % 10),
  });
  return { train: examples(train), heldOut: examples(heldOut) };
}

describe('the Train mode\'s network, trained a step at a time', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  test('steps, measurements, filters, readings and saving leave no tensor behind; dispose frees them all', async () => {
    const before = tf.memory().numTensors;
    const training = new LiveTraining(randomSet(64, 20), LIVE_RECIPE, 1);
    const filtersAtStart = training.filters();
    // the first step creates Adam's moment variables, which then live as long as the network
    training.step();
    const settled = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      expect(Number.isFinite(training.step())).toBe(true);
      const accuracy = training.accuracy();
      expect(accuracy).toBeGreaterThanOrEqual(0);
      expect(accuracy).toBeLessThanOrEqual(1);
      expect(training.read(new Float32Array(IMAGE_PIXELS).fill(0.5))).toHaveLength(10);
      training.filters();
    }
    await training.artifacts();
    expect(tf.memory().numTensors).toBe(settled);
    expect(training.steps).toBe(6);
    expect(training.examples).toBe(6 * LIVE_RECIPE.batchSize);
    const filters = training.filters();
    expect(filters).toHaveLength(LIVE_FILTERS * LIVE_FILTER_SIZE * LIVE_FILTER_SIZE);
    expect(Array.from(filters)).not.toEqual(Array.from(filtersAtStart));
    training.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('the saved files rebuild the same network, which reads a drawing the same way', async () => {
    const training = new LiveTraining(randomSet(32, 10), LIVE_RECIPE, 2);
    training.step();
    const drawing = new Float32Array(IMAGE_PIXELS).map((_, i) => (i % 28) / 28);
    const artifacts = await training.artifacts();
    const rebuilt = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    const read = tf.tidy(() => (rebuilt.predict(tf.tensor4d(drawing, [1, 28, 28, 1])) as tf.Tensor).dataSync());
    expect(Array.from(read).map((p) => p.toFixed(5))).toEqual(Array.from(training.read(drawing)).map((p) => p.toFixed(5)));
    rebuilt.dispose();
    training.dispose();
  });
});
