import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { kernelNetwork } from '../../../../../game/shell/platform/kernels/kernelNetwork.ts';
import { weightValues } from '../../../../../game/shell/platform/kernels/weightValues.ts';
import { initBackend } from '../../../../../ml/backend/backend.ts';
import { kernelWasm } from '../../../../../scripts/kernels.ts';
import { artifactsOf, firstLayer } from '../../../../support/shippedModel.ts';
import { loadMnistTest } from '../../../../support/mnistTest.ts';

// The first screen reads with the game's own WASM kernel (conv.wat, compiled by the site's build):
// every shipped model must give, on real MNIST test digits, what tfjs-layers gives for the same
// files; a model it cannot run exactly is left to tfjs (null).

const DIGITS = 256;
let kernel: WebAssembly.Module;

beforeAll(async () => {
  await initBackend('wasm');
  kernel = await WebAssembly.compile(await kernelWasm());
});

/** MNIST test digits as 0..1 images, repeated over `channels` (the piece verifier's input has more than one). */
async function mnistInput(channels: number): Promise<Float32Array> {
  const { images } = await loadMnistTest();
  const pixels = images.width * images.height;
  const values = new Float32Array(DIGITS * pixels * channels);
  for (let i = 0; i < DIGITS * pixels; i++) values.fill((images.data[i] ?? 0) / 255, i * channels, (i + 1) * channels);
  return values;
}

function argMaxes(values: Float32Array, classes: number): number[] {
  return Array.from({ length: values.length / classes }, (_, i) => {
    const row = Array.from(values.subarray(i * classes, (i + 1) * classes));
    return row.indexOf(Math.max(...row));
  });
}

test.each(['default', 'seed', 'pieces'])('assets/models/%s: the kernel reads MNIST digits as tfjs-layers does', async (name) => {
  const artifacts = await artifactsOf(`assets/models/${name}`);
  const network = kernelNetwork(artifacts, kernel);
  expect(network).not.toBeNull();
  if (network === null) return;
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  expect(network.inputShape).toEqual(model.inputs[0]?.shape);
  expect(network.outputShape).toEqual(model.outputs[0]?.shape);
  const channels = network.inputShape[3] ?? 1;
  const x = await mnistInput(channels);
  const ours = network.predict(x, DIGITS);
  const theirs = tf.tidy(() => (model.predict(tf.tensor4d(x, [DIGITS, 28, 28, channels])) as tf.Tensor).dataSync() as Float32Array);
  expect(ours.length).toBe(theirs.length);
  const difference = Math.max(...ours.map((v, i) => Math.abs(v - (theirs[i] ?? 0))));
  expect(difference).toBeLessThan(1e-5);
  const classes = network.outputShape[1] ?? 0;
  expect(argMaxes(ours, classes)).toEqual(argMaxes(theirs, classes));
  // the digits are read, not all one class: the comparison means something
  expect(new Set(argMaxes(ours, classes)).size).toBeGreaterThan(name === 'pieces' ? 1 : 9);
  // one image at a time gives what the batch gave
  expect(Array.from(network.predict(x.subarray(0, 784 * channels), 1))).toEqual(Array.from(ours.subarray(0, classes)));
  model.dispose();
});

describe('left to tfjs (null)', () => {
  test.each([
    { what: 'a dilated convolution', change: (layer: Record<string, unknown>) => ({ ...layer, dilation_rate: [2, 2] }) },
    { what: 'a strided convolution', change: (layer: Record<string, unknown>) => ({ ...layer, strides: [2, 2] }) },
    { what: 'an even kernel with same padding', change: (layer: Record<string, unknown>) => ({ ...layer, kernel_size: [4, 4] }) },
    { what: 'channels first', change: (layer: Record<string, unknown>) => ({ ...layer, data_format: 'channels_first' }) },
    { what: 'an activation it does not know', change: (layer: Record<string, unknown>) => ({ ...layer, activation: 'swish' }) },
  ])('$what', async ({ change }) => {
    const artifacts = await artifactsOf('assets/models/default');
    const first = firstLayer(artifacts, 'Conv2D');
    first.config = change(first.config);
    expect(kernelNetwork(artifacts, kernel)).toBeNull();
  });

  test('a functional model, a layer it does not know', async () => {
    const artifacts = await artifactsOf('assets/models/default');
    expect(kernelNetwork({ ...artifacts, modelTopology: { ...(artifacts.modelTopology as object), class_name: 'Model' } }, kernel)).toBeNull();
    firstLayer(artifacts, 'MaxPooling2D').class_name = 'AveragePooling2D';
    expect(kernelNetwork(artifacts, kernel)).toBeNull();
  });
});

test('weights decode as tfjs decodes them: float16 and 8-bit quantised (default), float32 (seed)', async () => {
  for (const name of ['default', 'seed']) {
    const { weightSpecs, weightData } = await artifactsOf(`assets/models/${name}`);
    if (weightSpecs === undefined || weightData === undefined) throw new Error(`${name} has no weights`);
    const ours = weightValues(weightSpecs, weightData);
    const theirs = tf.io.decodeWeights(weightData, weightSpecs);
    expect([...(ours?.keys() ?? [])]).toEqual(Object.keys(theirs));
    for (const [weight, values] of ours ?? []) expect(Array.from(values)).toEqual(Array.from(theirs[weight]?.dataSync() ?? []));
    tf.dispose(Object.values(theirs));
  }
});
