import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { initBackend } from '../../../ml/backend/backend.ts';
import { loadCheckpoint, saveCheckpoint, type RunIdentity } from '../../../ml/training/checkpoint.ts';
import { splitTraining } from '../../../ml/data/splits.ts';
import type { MnistSplit } from '../../../ml/data/mnist.ts';
import { buildModel, RECIPES, type Recipe } from '../../../ml/models/architectures.ts';
import { loadModel, saveModel } from '../../../ml/models/modelFiles.ts';
import { predictProbabilities } from '../../../ml/models/predict.ts';
import type { LabelledImages } from '../../../ml/data/labelledImages.ts';
import { accuracyOf, learningRateAt, train } from '../../../ml/training/loop.ts';
import type { Checkpoint, ResumePoint, StepReport } from '../../../ml/training/trainContract.ts';
import { labelled, loadMnistTest, loadMnistTrain } from '../../support/mnistTest.ts';

// Everything runs on the WASM backend with our training kernels, as `npm run train` does on a
// machine without tfjs-node.

function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? Number.NaN) - (b[i] ?? Number.NaN)));
  return worst;
}

function weightsOf(model: tf.LayersModel): Float32Array[] {
  return model.getWeights().map((w) => w.dataSync() as Float32Array);
}

let test200: LabelledImages;
let trainSplit: MnistSplit;

beforeAll(async () => {
  await initBackend('wasm');
  const mnistTest = await loadMnistTest();
  test200 = labelled(mnistTest, 0, 200);
  trainSplit = await loadMnistTrain();
});

afterAll(() => {
  tf.dispose(test200.images);
});

describe('the one-cycle learning-rate schedule', () => {
  const recipe: Recipe = { ...RECIPES.default, learningRate: 0.01, warmupEpochs: 0.5, epochs: 10 };

  test('warms up linearly from a tenth of the peak over warmupEpochs, however long the run', () => {
    for (const epochs of [2, 10, 30]) {
      const run = { ...recipe, epochs };
      expect(learningRateAt(run, 0)).toBeCloseTo(0.001, 10);
      expect(learningRateAt(run, 0.25)).toBeCloseTo(0.0055, 10);
      expect(learningRateAt(run, 0.5)).toBeCloseTo(0.01, 10);
    }
  });

  test('then anneals by a cosine to half a percent of the peak at the last epoch', () => {
    expect(learningRateAt(recipe, 0.5 + 9.5 / 2)).toBeCloseTo(0.01 * (0.005 + 0.995 * 0.5), 10);
    expect(learningRateAt(recipe, 10)).toBeCloseTo(0.01 * 0.005, 10);
    for (let e = 0.5; e < 10; e += 0.25) expect(learningRateAt(recipe, e + 0.25)).toBeLessThan(learningRateAt(recipe, e));
  });

  test('a warm-up longer than half the run is cut to half, and the seed keeps its constant rate', () => {
    expect(learningRateAt({ ...recipe, epochs: 2, warmupEpochs: 3 }, 1)).toBeCloseTo(0.01, 10);
    expect(learningRateAt(RECIPES.seed, 0)).toBe(RECIPES.seed.learningRate);
    expect(learningRateAt(RECIPES.seed, 11.9)).toBe(RECIPES.seed.learningRate);
  });
});

describe('a short training run of the default architecture', () => {
  const TRAIN_IMAGES = 2000;
  /** of the 5000 images splitTraining holds out; fewer keep the per-epoch validation cheap */
  const HELD_OUT = 2000;
  const recipe: Recipe = { ...RECIPES.default, epochs: 2, batchSize: 64 };
  let trainSet: LabelledImages;
  let heldOut: LabelledImages;
  let model: tf.LayersModel;

  beforeAll(() => {
    const splits = splitTraining(trainSplit, TRAIN_IMAGES);
    trainSet = splits.train;
    heldOut = { images: tf.slice(splits.validation.images, 0, HELD_OUT), labels: splits.validation.labels.slice(0, HELD_OUT) };
    splits.validation.images.dispose();
  });

  afterAll(() => {
    model.dispose();
    tf.dispose([trainSet.images, heldOut.images]);
  });

  // Measured 94.3 % and 95.6 % (dropout is unseeded, so runs differ a little); the bar leaves room.
  // The 4,000-image run of the same test with a gradient worker is in parallel/dataParallel.test.ts.
  test('learns: ≥ 92 % on 2000 held-out images after 2 epochs on 2000, leaking no tensors', { timeout: 360_000 }, async () => {
    expect(trainSet.labels.length).toBe(TRAIN_IMAGES);
    const before = tf.memory().numTensors;
    model = buildModel('default', 1);
    const weights = model.weights.length;
    const steps: StepReport[] = [];
    const started = performance.now();
    const result = await train(model, { recipe, seed: 1, train: trainSet, validation: heldOut, onStep: (s) => steps.push(s) });
    const seconds = (performance.now() - started) / 1000;
    const accuracy = accuracyOf(model, heldOut);
    console.log(`default arch, ${TRAIN_IMAGES} images x 2 epochs: ${seconds.toFixed(1)} s, held-out ${(accuracy * 100).toFixed(2)} %`);

    expect(result.stopped).toBe('finished');
    expect(result.state.epoch).toBe(2);
    expect(steps).toHaveLength(2 * Math.ceil(TRAIN_IMAGES / recipe.batchSize));
    expect(result.state.history).toHaveLength(2);
    // The model ends with the averaged weights, the same ones the last validation used.
    expect(result.state.history.at(-1)?.validationAccuracy).toBe(accuracy);
    expect(accuracy).toBeGreaterThanOrEqual(0.92);
    // Only the model's own weights remain: data, optimizer and averages were all released.
    expect(tf.memory().numTensors).toBe(before + weights);
  });

  test('save → load gives identical predictions on 200 test images', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hd-model-'));
    try {
      await saveModel(model, dir, { 'metadata.json': '{}' });
      const loaded = await loadModel(dir);
      const difference = maxAbsDifference(predictProbabilities(model, test200.images), predictProbabilities(loaded, test200.images));
      loaded.dispose();
      expect(difference).toBeLessThan(1e-6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('predictions do not grow the tensor count', () => {
    predictProbabilities(model, test200.images);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) predictProbabilities(model, test200.images);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('resuming an interrupted run', () => {
  // 1024 images in batches of 128: 8 steps an epoch, 16 in all.
  const recipe: Recipe = { ...RECIPES.default, epochs: 2 };
  const STEPS_PER_EPOCH = 8;
  const STOP_AFTER = 11;
  const run: RunIdentity = { arch: 'default', recipe, seed: 3, limit: 1024 };
  let data: LabelledImages;
  let validation: LabelledImages;
  let dir: string;

  beforeAll(async () => {
    data = labelled(trainSplit, 0, 1024);
    validation = labelled(trainSplit, 50_000, 300);
    dir = await mkdtemp(join(tmpdir(), 'hd-checkpoint-'));
    // Dropout draws its seed from Math.random; a fixed draw makes every run repeatable.
    vi.spyOn(Math, 'random').mockReturnValue(0.4242);
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    tf.dispose([data.images, validation.images]);
    await rm(dir, { recursive: true, force: true });
  });

  interface Outcome {
    readonly steps: StepReport[];
    readonly losses: number[];
    readonly weights: Float32Array[];
    readonly iterations: number[];
  }

  /** Trains `model` (disposing it afterwards), recording every step and the optimizer's iteration count at each checkpoint. */
  async function trainRecording(
    model: tf.LayersModel,
    extra: { resume?: ResumePoint; stopAfter?: number; save?: (checkpoint: Checkpoint) => Promise<void> },
  ): Promise<Outcome> {
    const steps: StepReport[] = [];
    const iterations: number[] = [];
    await train(model, {
      recipe,
      seed: run.seed,
      train: data,
      validation,
      ...(extra.resume ? { resume: extra.resume } : {}),
      onStep: (s) => steps.push(s),
      shouldStop: () => extra.stopAfter !== undefined && steps.length >= extra.stopAfter,
      onCheckpoint: async (c) => {
        const iter = c.optimizerWeights.find((w) => w.name === 'iter');
        iterations.push(iter ? (iter.tensor.dataSync()[0] ?? Number.NaN) : Number.NaN);
        await extra.save?.(c);
      },
    });
    const weights = weightsOf(model);
    model.dispose();
    return { steps, losses: steps.map((s) => s.loss), weights, iterations };
  }

  // 18 s on a quiet machine; the timeout allows for the shared cores.
  test('continues at the saved step with the same batches, optimizer state and averages as an uninterrupted run', { timeout: 240_000 }, async () => {
    const before = tf.memory().numTensors;
    const whole = await trainRecording(buildModel('default', run.seed), {});
    expect(whole.steps).toHaveLength(2 * STEPS_PER_EPOCH);
    // one checkpoint at the end of epoch 1, one when finished
    expect(whole.iterations).toEqual([STEPS_PER_EPOCH, 2 * STEPS_PER_EPOCH]);

    const interrupted = buildModel('default', run.seed);
    const first = await trainRecording(interrupted, {
      stopAfter: STOP_AFTER,
      save: async (c) => {
        if (!c.finished) await saveCheckpoint(join(dir, 'run'), interrupted, run, c);
      },
    });
    expect(first.steps).toHaveLength(STOP_AFTER);
    expect(first.iterations).toEqual([STEPS_PER_EPOCH, STOP_AFTER]);

    const saved = await loadCheckpoint(join(dir, 'run'));
    expect(saved.run).toEqual(run);
    expect(saved.resume.state).toMatchObject({ epoch: 1, step: STOP_AFTER - STEPS_PER_EPOCH });
    const rest = await trainRecording(saved.model, { resume: saved.resume });
    tf.dispose([...saved.resume.optimizerWeights.map((w) => w.tensor), ...saved.resume.averageWeights]);

    expect(rest.steps[0]).toMatchObject({ epoch: 1, step: STOP_AFTER - STEPS_PER_EPOCH + 1 });
    expect(first.steps.length + rest.steps.length).toBe(whole.steps.length);
    // Adam's step count (and with it its bias correction) carried on from the checkpoint.
    expect(rest.iterations).toEqual([2 * STEPS_PER_EPOCH]);
    // Same batches, augmentation and dropout: the losses agree to float32 rounding (Adam's restored
    // bias correction is beta^(t+1) computed at once rather than multiplied up step by step).
    const losses = [...first.losses, ...rest.losses];
    whole.losses.forEach((loss, i) => { expect(losses[i]).toBeCloseTo(loss, 5); });
    const worst = Math.max(...whole.weights.map((w, i) => maxAbsDifference(w, rest.weights[i] ?? new Float32Array())));
    console.log(`resumed vs uninterrupted: largest weight difference ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-4);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a checkpoint written at an epoch end resumes at the start of the next epoch', async () => {
    const model = buildModel('default', run.seed);
    await trainRecording(model, {
      stopAfter: STEPS_PER_EPOCH + 1,
      save: async (c) => {
        if (c.state.epoch === 1 && c.state.step !== 1) await saveCheckpoint(join(dir, 'epoch-end'), model, run, c);
      },
    });
    const saved = await loadCheckpoint(join(dir, 'epoch-end'));
    expect(saved.resume.state).toMatchObject({ epoch: 1, step: 0 });
    const rest = await trainRecording(saved.model, { resume: saved.resume });
    tf.dispose([...saved.resume.optimizerWeights.map((w) => w.tensor), ...saved.resume.averageWeights]);
    expect(rest.steps[0]).toMatchObject({ epoch: 1, step: 1 });
    expect(rest.steps).toHaveLength(STEPS_PER_EPOCH);
  });

  test('a checkpoint from before recipes named their warm-up resumes with the old 15 % of the run', async () => {
    const state = join(dir, 'run', 'state.json');
    const { recipe: { warmupEpochs, ...oldRecipe }, ...file } = JSON.parse(await readFile(state, 'utf8')) as { recipe: Recipe };
    expect(warmupEpochs).toBe(recipe.warmupEpochs);
    await writeFile(state, JSON.stringify({ ...file, recipe: oldRecipe }));
    const saved = await loadCheckpoint(join(dir, 'run'));
    tf.dispose([...saved.resume.optimizerWeights.map((w) => w.tensor), ...saved.resume.averageWeights]);
    saved.model.dispose();
    expect(saved.run.recipe).toEqual({ ...recipe, warmupEpochs: 0.3 });
  });
});
