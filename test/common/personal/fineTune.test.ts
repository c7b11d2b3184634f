import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { IMAGE_PIXELS, inkFromBytes } from '../../../common/digit.ts';
import { asInkImage } from '../../../common/ink/grid.ts';
import { centreLikeMnist } from '../../../common/preprocess.ts';
import { NOT_A_DIGIT } from '../../../common/reading.ts';
import { examplesNeeded, firstPerClass, MIN_EXAMPLES, type Examples } from '../../../common/personal/examples.ts';
import { FINE_TUNE_DEFAULTS, accuracy, teach } from '../../../common/personal/fineTune.ts';
import { splitAtHead } from '../../../common/personal/headModel.ts';
import { REPLAY_PATH, decodeReplay } from '../../../common/personal/replaySet.ts';
import { initBackend } from '../../../ml/backend/backend.ts';
import { importKeras } from '../../../ml/keras/importModel.ts';
import { NO_CONVERSION } from '../../../ml/keras/inputConversion.ts';
import { rejectThresholdOf } from '../../../ml/models/modelReading.ts';
import type { MnistSplit } from '../../../ml/data/mnist.ts';
import { nonDigits, rasterise } from '../../../scripts/bench/nonDigits.ts';
import { writeAs, type Writer } from '../../../scripts/bench/writers.ts';
import { writeKerasFixture, type FixtureWeight } from '../../support/kerasFixtures.ts';
import { loadMnistTest } from '../../support/mnistTest.ts';
import { SHIPPED_MODEL_DIR, loadShippedModel } from '../../support/shippedModel.ts';

// Synthetic writers MNIST lacks (scripts/bench/writers.ts): crossed 7s, slashed 0s and flagged 1s
// (continental), a strong left slant (backhand). The writers' digits come from MNIST test images
// [0, 1500); MNIST accuracy and confidence are read on [5000, 7000).

let base: tf.LayersModel;
let replay: Examples;
let test10k: MnistSplit;
/** n x 784: 50 shapes of each kind that is no digit, as the game would see them */
let shapes: Float32Array;
let threshold: number;

function slice(from: number, to: number): Examples {
  return { images: inkFromBytes(test10k.images.data.subarray(from * IMAGE_PIXELS, to * IMAGE_PIXELS)), labels: test10k.labels.slice(from, to) };
}

function styled(writer: Writer, digits: Examples): Examples {
  const images = new Float32Array(digits.images.length);
  digits.labels.forEach((label, i) => {
    images.set(writeAs(writer, digits.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), label), i * IMAGE_PIXELS);
  });
  return { images, labels: digits.labels };
}

function continental(digits: Examples): Examples {
  return styled('continental', digits);
}

/** Share of the shapes that are no digit (scripts/bench/nonDigits.ts: dots, dashes, ticks, scribbles, letters) the model turns away. */
function rejectedShare(model: tf.LayersModel): number {
  const n = shapes.length / IMAGE_PIXELS;
  const notADigit = tf.tidy(() => tf.gather(model.predict(tf.tensor4d(shapes, [n, 28, 28, 1])) as tf.Tensor2D, NOT_A_DIGIT, 1).dataSync());
  return notADigit.filter((p) => p >= threshold).length / n;
}

/** Share of `examples` whose own digit gets probability >= 0.9: what a challenge round needs. */
function confidentShare(model: tf.LayersModel, examples: Examples): number {
  const n = examples.labels.length;
  const rows = tf.tidy(() => (model.predict(tf.tensor4d(examples.images, [n, 28, 28, 1])) as tf.Tensor2D).arraySync());
  return rows.filter((row, i) => (row[examples.labels[i] ?? 0] ?? 0) >= 0.9).length / n;
}

function weightsOf(layers: readonly tf.layers.Layer[]): Uint8Array[] {
  return layers.flatMap((layer) => layer.getWeights().map((w) => new Uint8Array((w.dataSync() as Float32Array).slice().buffer)));
}

beforeAll(async () => {
  await initBackend('wasm');
  base = await loadShippedModel();
  replay = decodeReplay(new Uint8Array(await readFile(join('assets', REPLAY_PATH))));
  test10k = await loadMnistTest();
  const seen = nonDigits(50, 3).map((shape) => centreLikeMnist(asInkImage(rasterise(shape.strokes)))).filter((image) => !image.blank);
  shapes = new Float32Array(seen.length * IMAGE_PIXELS);
  seen.forEach((image, i) => { shapes.set(image.pixels, i * IMAGE_PIXELS); });
  threshold = await rejectThresholdOf(SHIPPED_MODEL_DIR);
});

describe('teach', () => {
  // the K = 5 targets of the teaching bench (BENCHMARKS.md section 7): the writer's errors down by
  // the share given and MNIST within 0.1 point. Against the head taught alone (no prototypes): at
  // least as good on the writer, and shapes that are no digit turned away as often within 2 points
  // (without a "not a digit" prototype, the digits' prototypes cost 10 to 25 points there)
  test.each<[Writer, number]>([
    ['continental', 0.4],
    ['backhand', 0.25],
    ['marker', 0.25],
  ])('a %s writer is read better after 5 digits of each (at least %f of the errors gone), MNIST stays within 0.1 point and non-digits stay turned away', async (name, fewer) => {
    const taught = firstPerClass(styled(name, slice(0, 500)), 5);
    const writer = styled(name, slice(1000, 1500));
    const mnist = slice(5000, 7000);
    const result = await teach(tf, base, taught, replay);
    const headAlone = await teach(tf, base, taught, replay, { prototypeWeights: [0], nonDigitShapes: 0 });
    const before = accuracy(tf, base, writer);
    const after = accuracy(tf, result.model, writer);
    const afterHeadAlone = accuracy(tf, headAlone.model, writer);
    const mnistBefore = accuracy(tf, base, mnist);
    const mnistAfter = accuracy(tf, result.model, mnist);
    const rejectedAfter = rejectedShare(result.model);
    const rejectedHeadAlone = rejectedShare(headAlone.model);
    result.model.dispose();
    headAlone.model.dispose();
    // the shipped default has seen real pen writers' crossed 7s and slashed 0s, so it starts above 0.9;
    // the writer still leaves it errors to remove
    expect(before).toBeLessThan(0.95);
    expect(1 - after).toBeLessThanOrEqual((1 - fewer) * (1 - before));
    expect(mnistAfter).toBeGreaterThanOrEqual(mnistBefore - 0.001);
    expect(result.prototypeWeight).toBeGreaterThan(0);
    expect(after).toBeGreaterThanOrEqual(afterHeadAlone);
    expect(rejectedAfter).toBeGreaterThanOrEqual(rejectedHeadAlone - 0.02);
    // the rotating hold-out reads every one of the 50, each by a model that did not learn from it
    expect(result.heldOut.n).toBe(50);
    expect(result.heldOut.after).toBeGreaterThanOrEqual(result.heldOut.before);
  });

  test.each<[Writer]>([['continental'], ['backhand']])('after teaching a %s writer, clean MNIST digits keep their confidence (share >= 0.9 within 1 point)', async (writer) => {
    const taught = firstPerClass(styled(writer, slice(0, 500)), 5);
    const mnist = slice(5000, 5400);
    const result = await teach(tf, base, taught, replay);
    const before = confidentShare(base, mnist);
    const after = confidentShare(result.model, mnist);
    result.model.dispose();
    // the refit no longer always sharpens: with the prototype term the taught head can come out
    // sharp enough (refitted temperatures 0.25-1.25 in the bench), so only the outcome is held
    expect(after).toBeGreaterThanOrEqual(before - 0.01);
  });

  test('folds 1: nothing is held out, and the figure says so with NaN', async () => {
    const result = await teach(tf, base, firstPerClass(continental(slice(0, 300)), 1), replay, { steps: 3, views: 1, folds: 1, replayPool: 16, calibrationPool: 16 });
    result.model.dispose();
    expect(result.heldOut.n).toBe(0);
    expect(result.heldOut.before).toBeNaN();
  });

  test('the frozen layers are bit-identical, the head moved, the base is untouched, and no tensor is left behind', async () => {
    const taught = firstPerClass(continental(slice(0, 300)), 2);
    const baseWeights = weightsOf(base.layers);
    const tensorsBefore = tf.memory().numTensors;
    const calls: number[] = [];
    // the copy, a blank digit through the 9 frozen layers with weights (5 convs, 4 batch norms), the
    // 20 digits' 2 views in chunks of 10, the pool's 40 in 4, the calibration's 20 in 2, the 20
    // shapes that are no digit in 2, the stacking of the heads, the first loss and gradient, the 5
    // steps, then a first prototype thrown away, the prototypes of the 6 copies (5 folds of 4 digits,
    // and all), the reads their weight is chosen on, the choice, and the reads with it
    const result = await teach(tf, base, taught, replay, { steps: 5, microBatch: 10, views: 2, replayPool: 40, calibrationPool: 20, nonDigitShapes: 20 }, async (done, total) => {
      calls.push(done);
      expect(total).toBe(40);
      await Promise.resolve();
    });
    expect(calls).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const baseSplit = splitAtHead(tf, base);
    const split = splitAtHead(tf, result.model);
    expect(split.frozen.length).toBe(baseSplit.frozen.length);
    expect(weightsOf(split.frozen)).toEqual(weightsOf(baseSplit.frozen));
    expect(weightsOf(split.head)).not.toEqual(weightsOf(baseSplit.head));
    expect(weightsOf(base.layers)).toEqual(baseWeights);
    result.model.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  test('sending the frozen layers smaller micro-batches learns the same head', async () => {
    const taught = firstPerClass(continental(slice(0, 300)), 2);
    const whole = await teach(tf, base, taught, replay, { steps: 5, microBatch: FINE_TUNE_DEFAULTS.batchSize });
    const split = await teach(tf, base, taught, replay, { steps: 5, microBatch: 3 });
    const headOf = (model: tf.LayersModel) => splitAtHead(tf, model).variables.flatMap((v) => Array.from(v.dataSync()));
    const baseHead = headOf(base);
    const wholeHead = headOf(whole.model);
    const splitHead = headOf(split.model);
    whole.model.dispose();
    split.model.dispose();
    const largest = (a: number[], b: number[]) => Math.max(...a.map((x, i) => Math.abs(x - (b[i] ?? Number.NaN))));
    expect(largest(wholeHead, baseHead)).toBeGreaterThan(1e-3);
    expect(largest(splitHead, wholeHead)).toBeLessThan(1e-5);
  });

  test('a model imported from a functional Keras file (an explicit InputLayer in front) is taught like a shipped one', async () => {
    const random = (shape: readonly number[], seed: number): FixtureWeight['values'] => tf.tidy(() => tf.randomNormal([...shape], 0, 0.1, 'float32', seed).dataSync() as Float32Array);
    const weight = (name: string, shape: readonly number[], seed: number): FixtureWeight => ({ name, shape, values: random(shape, seed) });
    const bytes = await writeKerasFixture('keras3', {
      inputShape: [28, 28, 1],
      functional: true,
      layers: [
        { className: 'Conv2D', name: 'conv', config: { filters: 2, kernel_size: [3, 3], activation: 'relu' }, weights: [weight('kernel', [3, 3, 1, 2], 1), weight('bias', [2], 2)] },
        { className: 'Flatten', name: 'flatten', config: {}, weights: [] },
        { className: 'Dense', name: 'dense', config: { units: 10, activation: 'softmax' }, weights: [weight('kernel', [1352, 10], 3), weight('bias', [10], 4)] },
      ],
    });
    const imported = (await importKeras(bytes, 'functional.keras', NO_CONVERSION)).model;
    const split = splitAtHead(tf, imported);
    expect(split.frozen.map((layer) => layer.name)).toEqual(['conv', 'flatten']);
    const result = await teach(tf, imported, slice(0, 20), replay, { steps: 3, replayPool: 32 });
    const taught = splitAtHead(tf, result.model);
    expect(weightsOf(taught.frozen)).toEqual(weightsOf(split.frozen));
    expect(weightsOf(taught.head)).not.toEqual(weightsOf(split.head));
    result.model.dispose();
    imported.dispose();
  });

  test('a model whose layers branch is refused, naming the layer', () => {
    const input = tf.input({ shape: [28, 28, 1] });
    const flat = tf.layers.flatten({ name: 'flat' }).apply(input) as tf.SymbolicTensor;
    const a = tf.layers.dense({ name: 'a', units: 10 }).apply(flat) as tf.SymbolicTensor;
    const b = tf.layers.dense({ name: 'b', units: 10 }).apply(flat) as tf.SymbolicTensor;
    const sum = tf.layers.add({ name: 'sum' }).apply([a, b]) as tf.SymbolicTensor;
    const model = tf.model({ name: 'branches', inputs: input, outputs: sum });
    expect(() => splitAtHead(tf, model)).toThrow(/model branches is not a single chain \(layer b takes flat\)/);
    model.dispose();
  });

  test('too few digits: refused, saying how many more, with no tensor left behind', async () => {
    const seven = slice(0, 7);
    const tensorsBefore = tf.memory().numTensors;
    await expect(teach(tf, base, seven, replay)).rejects.toThrow(`save ${MIN_EXAMPLES - 7} more`);
    await expect(teach(tf, base, slice(0, 20), replay, { replayPerBatch: FINE_TUNE_DEFAULTS.batchSize })).rejects.toThrow('replayPerBatch');
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});

describe('examplesNeeded', () => {
  test.each([
    [0, MIN_EXAMPLES],
    [3, MIN_EXAMPLES - 3],
    [MIN_EXAMPLES, 0],
    [MIN_EXAMPLES + 5, 0],
  ])('%i digits need %i more', (n, more) => {
    expect(examplesNeeded(new Uint8Array(n))).toBe(more);
  });
});
