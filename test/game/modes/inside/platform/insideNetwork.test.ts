import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IMAGE_PIXELS } from '../../../../../common/digit.ts';
import { centreLikeMnist } from '../../../../../common/preprocess.ts';
import { InsideNetwork } from '../../../../../game/modes/inside/platform/insideNetwork.ts';
import { receptiveField } from '../../../../../game/modes/inside/state/receptiveField.ts';
import { createGrid } from '../../../../../common/ink/grid.ts';
import { initBackend } from '../../../../../ml/backend/backend.ts';
import { loadModel } from '../../../../../ml/models/modelFiles.ts';
import { loadMnistTest } from '../../../../support/mnistTest.ts';

// The shipped models seen layer by layer, on real MNIST test digits normalised as the game does.

const EXPECTED = {
  default: {
    maps: [[28, 28, 32], [14, 14, 32], [14, 14, 48], [14, 14, 48], [7, 7, 48], [7, 7, 96], [7, 7, 96], [3, 3, 96]],
    kinds: ['Conv2D', 'MaxPooling2D', 'Conv2D', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'Conv2D', 'MaxPooling2D'],
    dense: [] as number[],
    titles: [
      'Convolution 1 · 32 filters 5x5 ➔ 32 maps 28x28', 'Pooling 1 · 2x2 ➔ 32 maps 14x14', 'Convolution 2 · 48 filters 3x3 ➔ 48 maps 14x14',
      'Convolution 3 · 48 filters 3x3 ➔ 48 maps 14x14', 'Pooling 2 · 2x2 ➔ 48 maps 7x7', 'Convolution 4 · 96 filters 3x3 ➔ 96 maps 7x7',
      'Convolution 5 · 96 filters 3x3 ➔ 96 maps 7x7', 'Pooling 3 · 2x2 ➔ 96 maps 3x3',
    ],
    output: 'Dense · 10 digits + not a digit',
    // the filters of the first and the second convolution: one slice per map read
    filters: [[0, [5, 5], 1], [2, [3, 3], 32], [1, null, 0]],
    // receptive field of the last layer's centre pixel in the input
    field: { top: 0, left: 0, bottom: 27, right: 27 },
  },
  seed: {
    maps: [[26, 26, 64], [13, 13, 64]], kinds: ['Conv2D', 'MaxPooling2D'], dense: [128],
    titles: ['Convolution · 64 filters 3x3 ➔ 64 maps 26x26', 'Pooling · 2x2 ➔ 64 maps 13x13', 'Dense · 128 units'],
    output: 'Dense · 10 digits',
    filters: [[0, [3, 3], 1], [1, null, 0]],
    // pooling pixel (1, 1) reads conv pixels 2..3, which read input pixels 2..5
    field: { top: 2, left: 2, bottom: 5, right: 5 },
  },
};

const models: Partial<Record<keyof typeof EXPECTED, tf.LayersModel>> = {};
const digits: Float32Array[] = [];

beforeAll(async () => {
  await initBackend('wasm');
  for (const name of ['default', 'seed'] as const) models[name] = await loadModel(`assets/models/${name}`);
  const split = await loadMnistTest();
  for (let i = 0; i < 20; i++) {
    const grid = createGrid(28, 28);
    grid.cells.set(Float32Array.from(split.images.data.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), (v) => v / 255));
    const normal = centreLikeMnist({ width: 28, height: 28, pixels: grid.cells });
    if (!normal.blank) digits.push(normal.pixels);
  }
});

afterAll(() => {
  for (const model of Object.values(models)) model.dispose();
});

function modelNamed(name: keyof typeof EXPECTED): tf.LayersModel {
  const model = models[name];
  if (!model) throw new Error(`model ${name} did not load`);
  return model;
}

describe.each(['default', 'seed'] as const)('%s', (name) => {
  test('every convolution and pooling layer, the hidden dense layers and the outputs, with their shapes', async () => {
    const model = modelNamed(name);
    const network = new InsideNetwork(model);
    const expected = EXPECTED[name];
    expect(network.mapsLayers.map((l) => [l.height, l.width, l.maps])).toEqual(expected.maps);
    expect(network.mapsLayers.map((l) => l.kind)).toEqual(expected.kinds);
    expect(network.denseLayers.map((l) => l.units)).toEqual(expected.dense);
    expect(network.layerLines.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    expect(network.layerLines.reduce((sum, l) => sum + l.parameters, 0)).toBe(model.countParams());
    const digit = digits[0] ?? new Float32Array(IMAGE_PIXELS);
    const reading = await network.read(digit);
    expect(reading.maps.map((m) => m.length)).toEqual(expected.maps.map(([h = 0, w = 0, c = 0]) => h * w * c));
    expect(reading.dense.map((d) => d.length)).toEqual(expected.dense);
    // The multi-output model's last output is the model's own answer.
    const own = tf.tidy(() => (model.predict(tf.tensor4d(digit, [1, 28, 28, 1])) as tf.Tensor).dataSync());
    expect(Array.from(reading.probabilities)).toEqual(Array.from(own));
    expect([...network.mapsLayers.map((l) => l.title), ...network.denseLayers.map((l) => l.title)]).toEqual(expected.titles);
    expect(network.outputTitle).toBe(expected.output);
    for (const [layer, size, slices] of expected.filters) {
      const filter = network.filter(layer as number, 3);
      expect(filter?.size ?? null).toEqual(size);
      expect(filter?.slices.length ?? 0).toBe(slices);
    }
    // the kernel's weights, cut for one map: the same as the model's own
    const kernel = model.layers.find((l) => l.getClassName() === 'Conv2D')?.getWeights()[0];
    const [kh = 0, kw = 0, , count = 0] = kernel?.shape ?? [];
    const weights = kernel?.dataSync() ?? new Float32Array();
    expect(Array.from(network.filter(0, 3)?.slices[0] ?? [])).toEqual(Array.from({ length: kh * kw }, (_, i) => weights[i * count + 3]));
    const last = network.mapsLayers.at(-1);
    expect(last && receptiveField(last.steps, 1, 1, 28)).toEqual(expected.field);
  });

  test('the first layer responds to the ink: different digits give different maps', async () => {
    const network = new InsideNetwork(modelNamed(name));
    const [a, b] = await Promise.all([network.read(digits[0] ?? new Float32Array(IMAGE_PIXELS)), network.read(digits[1] ?? new Float32Array(IMAGE_PIXELS))]);
    const first = (r: typeof a) => r.maps[0] ?? new Float32Array();
    let differ = 0;
    first(a).forEach((v, i) => { if (Math.abs(v - (first(b)[i] ?? 0)) > 1e-3) differ++; });
    // ReLU leaves the background at 0 in both, so only the ink's neighbourhood can differ.
    expect(differ).toBeGreaterThan(first(a).length / 40);
  });

  test('the tensor count is the same after 60 readings and gradients as after the first', async () => {
    const network = new InsideNetwork(modelNamed(name));
    await network.read(digits[0] ?? new Float32Array(IMAGE_PIXELS));
    await network.gradient(digits[0] ?? new Float32Array(IMAGE_PIXELS), 0);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 60; i++) {
      const pixels = digits[i % digits.length] ?? new Float32Array(IMAGE_PIXELS);
      await network.read(pixels);
      await network.gradient(pixels, i % 10);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
