import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { IMAGE_PIXELS, inkFromBytes } from '../../../../common/digit.ts';
import { firstPerClass, type Examples } from '../../../../common/personal/examples.ts';
import { teach } from '../../../../common/personal/fineTune.ts';
import { REPLAY_PATH, decodeReplay } from '../../../../common/personal/replaySet.ts';
import { Classifier } from '../../../../game/shell/platform/classifier.ts';
import { KERNEL_ENGINE } from '../../../../game/shell/platform/runner.ts';
import { initBackend } from '../../../../ml/backend/backend.ts';
import { buildLiveNet } from '../../../../ml/models/liveNet.ts';
import { kernelWasm } from '../../../../scripts/kernels.ts';
import { loadMnistTest } from '../../../support/mnistTest.ts';
import { loadShippedModel } from '../../../support/shippedModel.ts';

// A model built in the page (taught from the shipped default, or trained in the Train mode) is read
// by the game's kernel as the shipped models are, and answers what tfjs-layers answers for it.

const DIGITS = 64;
let kernel: WebAssembly.Module;
let base: tf.LayersModel;
let replay: Examples;
let digits: Float32Array;
let labels: Uint8Array;

beforeAll(async () => {
  await initBackend('wasm');
  kernel = await WebAssembly.compile(await kernelWasm());
  base = await loadShippedModel();
  replay = decodeReplay(new Uint8Array(await readFile(join('assets', REPLAY_PATH))));
  const mnist = await loadMnistTest();
  digits = inkFromBytes(mnist.images.data.subarray(0, 300 * IMAGE_PIXELS));
  labels = mnist.labels.slice(0, 300);
});

/** A personal model as teaching makes it: the shipped default's head taught on two digits of each class. */
async function taughtModel(): Promise<tf.LayersModel> {
  const taught = firstPerClass({ images: digits, labels }, 2);
  const result = await teach(tf, base, taught, replay, { steps: 3, views: 1, folds: 1, replayPool: 16, calibrationPool: 16 });
  return result.model;
}

/** The kernel's answers for the first DIGITS MNIST test digits against tfjs-layers' for the same model; the classifier disposed after. */
async function kernelAgainstLayers(model: tf.LayersModel): Promise<{ difference: number; right: number; engine: string; tensorsFreed: boolean }> {
  const x = digits.subarray(0, DIGITS * IMAGE_PIXELS);
  const theirs = tf.tidy(() => (model.predict(tf.tensor4d(x, [DIGITS, 28, 28, 1])) as tf.Tensor).dataSync() as Float32Array);
  const tensorsBefore = tf.memory().numTensors;
  const classifier = await Classifier.fromModel(model, 'a model built here', kernel);
  const ours = await classifier.classifyBatch(Array.from({ length: DIGITS }, (_, i) => x.slice(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS)));
  const classes = theirs.length / DIGITS;
  const difference = Math.max(...ours.flatMap((row, i) => Array.from(row, (v, k) => Math.abs(v - (theirs[i * classes + k] ?? Number.NaN)))));
  const right = ours.filter((row, i) => row.indexOf(Math.max(...row)) === labels[i]).length;
  // the layers model is the one handed over, for the Inside mode and for teaching again
  expect(await classifier.layersModel()).toBe(model);
  const { engine } = classifier;
  classifier.dispose();
  return { difference, right, engine, tensorsFreed: tf.memory().numTensors < tensorsBefore };
}

test('a taught model is read by the kernel, with the answers tfjs-layers gives, and disposing the classifier disposes the model', async () => {
  const { difference, right, engine, tensorsFreed } = await kernelAgainstLayers(await taughtModel());
  expect(engine).toBe(KERNEL_ENGINE);
  expect(difference).toBeLessThan(1e-5);
  // it reads digits (most of them right), so the comparison means something
  expect(right).toBeGreaterThan(DIGITS * 0.9);
  expect(tensorsFreed).toBe(true);
});

test('the Train mode\'s network (untrained) is read by the kernel too, with the answers tfjs-layers gives', async () => {
  const { difference, engine, tensorsFreed } = await kernelAgainstLayers(buildLiveNet(1));
  expect(engine).toBe(KERNEL_ENGINE);
  expect(difference).toBeLessThan(1e-5);
  expect(tensorsFreed).toBe(true);
});

test('without the kernel (a browser without WASM SIMD, ?backend=) tfjs reads it', async () => {
  const classifier = await Classifier.fromModel(await taughtModel(), 'your personal model', null);
  expect(classifier.engine).toBe(tf.getBackend());
  classifier.dispose();
});
