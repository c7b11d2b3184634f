import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { coreNetwork } from '../../../../game/shell/platform/coreNetwork.ts';
import { initBackend } from '../../../../ml/backend/backend.ts';
import { loadMnistSplit } from '../../../../ml/data/mnist.ts';
import { artifactsOf, firstLayer } from '../../../support/shippedModel.ts';

// A model the game's kernel does not read (or any, with ?backend=) reads with tfjs-core alone:
// every shipped model must give, on real MNIST test digits, what tfjs-layers gives for the same
// files; a model it cannot run exactly is left to tfjs-layers (null) without leaking a tensor.

const DIGITS = 256;

beforeAll(async () => {
  await initBackend('wasm');
});

/** MNIST test digits as 0..1 images, repeated over `channels` (the piece verifier's input has more than one). */
async function mnistInput(channels: number): Promise<tf.Tensor4D> {
  const { images } = await loadMnistSplit('test');
  const pixels = images.width * images.height;
  const values = new Float32Array(DIGITS * pixels * channels);
  for (let i = 0; i < DIGITS * pixels; i++) values.fill((images.data[i] ?? 0) / 255, i * channels, (i + 1) * channels);
  return tf.tensor4d(values, [DIGITS, images.height, images.width, channels]);
}

test.each(['default', 'seed', 'pieces'])('assets/models/%s: tfjs-core alone reads MNIST digits as tfjs-layers does', async (name) => {
  const artifacts = await artifactsOf(`assets/models/${name}`);
  const network = coreNetwork(artifacts);
  expect(network).not.toBeNull();
  if (network === null) return;
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  expect(network.inputShape).toEqual(model.inputs[0]?.shape);
  expect(network.outputShape).toEqual(model.outputs[0]?.shape);
  const x = await mnistInput(network.inputShape[3] ?? 1);
  const core = network.predict(x) as tf.Tensor2D;
  const layers = model.predict(x) as tf.Tensor2D;
  const difference = tf.max(tf.abs(tf.sub(core, layers)));
  expect(difference.dataSync()[0]).toBeLessThan(1e-5);
  expect(Array.from(core.argMax(1).dataSync())).toEqual(Array.from(layers.argMax(1).dataSync()));
  // the digits are read, not all one class: the comparison means something
  expect(new Set(core.argMax(1).dataSync()).size).toBeGreaterThan(name === 'pieces' ? 1 : 9);
  tf.dispose([x, core, layers, difference]);
  model.dispose();
  network.dispose();
});

test.each([
  { what: 'a dilated convolution', change: (layer: Record<string, unknown>) => ({ ...layer, dilation_rate: [2, 2] }) },
  { what: 'channels first', change: (layer: Record<string, unknown>) => ({ ...layer, data_format: 'channels_first' }) },
  { what: 'an activation it does not know', change: (layer: Record<string, unknown>) => ({ ...layer, activation: 'swish' }) },
])('$what: left to tfjs-layers (null), no tensor kept', async ({ change }) => {
  const artifacts = await artifactsOf('assets/models/default');
  const first = firstLayer(artifacts, 'Conv2D');
  first.config = change(first.config);
  const before = tf.memory().numTensors;
  expect(coreNetwork(artifacts)).toBeNull();
  expect(tf.memory().numTensors).toBe(before);
});

test('a functional model is left to tfjs-layers', async () => {
  const artifacts = await artifactsOf('assets/models/default');
  expect(coreNetwork({ ...artifacts, modelTopology: { ...(artifacts.modelTopology as object), class_name: 'Model' } })).toBeNull();
});
