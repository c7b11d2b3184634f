import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../ml/backend/backend.ts';
import { asLabelledImages } from '../../../ml/data/splits.ts';
import { combineModels } from '../../../ml/models/ensemble.ts';
import { buildModel } from '../../../ml/models/architectures.ts';
import { loadModel, saveModel } from '../../../ml/models/modelFiles.ts';
import { loadMnistTest } from '../../support/mnistTest.ts';

let images: tf.Tensor4D;
let members: tf.LayersModel[];

beforeAll(async () => {
  await initBackend('wasm');
  const test10k = asLabelledImages(await loadMnistTest());
  images = tf.slice(test10k.images, 0, 64);
  test10k.images.dispose();
  // Different seeds, so the members disagree and a wrong combination shows.
  members = [buildModel('default', 1), buildModel('default', 2), buildModel('seed', 3)];
});

afterAll(() => {
  images.dispose();
  for (const m of members) m.dispose();
});

/** softmax(mean_k log p_k / T): what averaging the members' logits gives, computed from their outputs. */
function expected(models: readonly tf.LayersModel[], temperature: number): tf.Tensor {
  return tf.tidy(() => {
    const logs = models.map((m) => tf.log(m.predict(images) as tf.Tensor));
    return tf.softmax(tf.div(tf.addN(logs), models.length * temperature));
  });
}

describe('combineModels', () => {
  test.each([1, 0.5, 2])('outputs the softmax of the mean member logits over T = %s on MNIST digits', (temperature) => {
    const ensemble = combineModels(members, temperature);
    const got = ensemble.predict(images) as tf.Tensor;
    const want = expected(members, temperature);
    expect(got.shape).toEqual([64, 10]);
    expect(tf.max(tf.abs(tf.sub(got, want))).dataSync()[0]).toBeLessThan(1e-5);
    // Members disagree on some digits, so the check above really mixes them.
    const a = tf.argMax(members[0]?.predict(images) as tf.Tensor, 1);
    const b = tf.argMax(members[1]?.predict(images) as tf.Tensor, 1);
    expect(tf.sum(tf.notEqual(a, b)).dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([got, want, a, b]);
    ensemble.dispose();
  });

  test('saves and loads as an ordinary layers model with identical predictions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ensemble-'));
    try {
      const ensemble = combineModels(members, 0.7, 'trio');
      await saveModel(ensemble, join(dir, 'trio'));
      const loaded = await loadModel(join(dir, 'trio'));
      const before = ensemble.predict(images) as tf.Tensor;
      const after = loaded.predict(images) as tf.Tensor;
      expect(tf.max(tf.abs(tf.sub(before, after))).dataSync()[0]).toBe(0);
      expect(loaded.countParams()).toBe(members.reduce((sum, m) => sum + m.countParams(), 0));
      tf.dispose([before, after]);
      ensemble.dispose();
      loaded.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('leaves the tensor count unchanged once built and disposed', () => {
    const before = tf.memory().numTensors;
    combineModels(members, 1.3).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('refuses fewer than two members and members that do not end in a softmax', () => {
    expect(() => combineModels(members.slice(0, 1))).toThrow(/at least two members/);
    const linear = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10 })] });
    expect(() => combineModels([linear, linear])).toThrow(/Dense softmax/);
    linear.dispose();
  });
});
