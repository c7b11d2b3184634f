import type * as tfjs from '@tensorflow/tfjs';
import { augmentImages, type Augmentation } from '../augment.ts';
import { crossEntropy } from '../crossEntropy.ts';
import { IMAGE_SIZE } from '../digit.ts';
import { createRandom, randomIndex } from '../random.ts';
import { checkExamples, selectExamples, type Examples } from './examples.ts';
import { copyModel, runLayers, splitAtHead } from './headModel.ts';
import { featuresOf, replayPool } from './replayFeatures.ts';
import { splitHoldOut } from './holdOut.ts';

/**
 * Teaching a model one player's handwriting, in the browser and in Node alike (tf comes in as a
 * parameter). The convolutions and their batch norm statistics stay frozen; only the head learns,
 * from batches that mix the player's digits with MNIST replay digits (so it keeps reading everyone
 * else's), with augmentation (so a few examples stand for many), and with an L2 penalty pulling the
 * head toward the base weights rather than toward zero (Kienzle & Chellapilla, ICML 2006), for a
 * fixed small number of steps with a fresh Adam.
 */

export interface FineTuneOptions {
  readonly steps: number;
  /** rows per step, the player's and the replay set's together */
  readonly batchSize: number;
  /**
   * rows computed between two onStep calls (the browser yields a frame there): a step's
   * micro-batches add up their gradients and the update follows the last, so this changes when the
   * work happens, not what is learnt
   */
  readonly microBatch: number;
  /** of each batch, how many rows are replay digits */
  readonly replayPerBatch: number;
  /**
   * replay digits drawn at random for one teach: their features (the frozen layers' output, not
   * augmented) are computed once, so a replay row costs only the head
   */
  readonly replayPool: number;
  readonly learningRate: number;
  /** weight of sum((w - w_base)^2) over the head's weights, added to the loss */
  readonly anchor: number;
  readonly labelSmoothing: number;
  /** of each digit's examples, this fraction (rounded down) is held out to measure before/after */
  readonly holdOut: number;
  readonly augment: Augmentation;
  readonly seed: number;
}

export const FINE_TUNE_DEFAULTS: FineTuneOptions = Object.freeze({
  steps: 100,
  batchSize: 32,
  microBatch: 8,
  replayPerBatch: 16,
  replayPool: 512,
  learningRate: 5e-3,
  anchor: 1e-3,
  labelSmoothing: 0.1,
  holdOut: 0.2,
  augment: Object.freeze({ rotation: 8, zoom: 0.08, shift: 0.05, shear: 8, thickness: 0.2 }),
  seed: 1,
});

/** Fewer digits than this in all: teaching refuses, saying how many more are needed. */
export const MIN_EXAMPLES = 10;

/** How many more examples teaching needs; 0 when there are enough. */
export function examplesNeeded(labels: Uint8Array): number {
  return Math.max(0, MIN_EXAMPLES - labels.length);
}

export interface TeachResult {
  /** a NEW model; the base is untouched */
  readonly model: tfjs.LayersModel;
  /** accuracy 0..1 on the player's examples the fine-tune did not see; NaN both when n is 0 */
  readonly heldOut: { readonly n: number; readonly before: number; readonly after: number };
}

/**
 * `onStep` is awaited after every micro-batch (settings.microBatch rows), with `done` and `total`
 * counting micro-batches: the caller may yield a frame there.
 */
export async function teach(
  tf: typeof tfjs,
  base: tfjs.LayersModel,
  own: Examples,
  replay: Examples,
  options: Partial<FineTuneOptions> = {},
  onStep?: (done: number, total: number) => Promise<void> | void,
): Promise<TeachResult> {
  const settings = { ...FINE_TUNE_DEFAULTS, ...options };
  checkSettings(settings);
  checkExamples(own, 'your digits');
  checkExamples(replay, 'replay set');
  const needed = examplesNeeded(own.labels);
  if (needed > 0) throw new Error(`teaching needs at least ${MIN_EXAMPLES} digits: save ${needed} more`);
  if (settings.replayPerBatch > 0 && replay.labels.length === 0) throw new Error('the replay set holds no digits');
  const random = createRandom(settings.seed);
  const split = splitHoldOut(own.labels, settings.holdOut, random);
  const train = selectExamples(own, split.train);
  const heldOut = selectExamples(own, split.heldOut);

  const model = await copyModel(tf, base);
  const { frozen, head, variables } = splitAtHead(tf, model);
  for (const layer of frozen) layer.trainable = false;
  const anchors = variables.map((variable) => tf.clone(variable));
  const ownImages = asImageTensor(tf, train);
  const optimizer: tfjs.Optimizer = tf.train.adam(settings.learningRate);
  const ownRows = settings.batchSize - settings.replayPerBatch;
  const ownParts = Math.ceil(ownRows / settings.microBatch);
  const pool = settings.replayPerBatch > 0 ? replayPool(replay, settings.replayPool, random) : { images: new Float32Array(0), labels: new Uint8Array(0) };
  const poolParts = Math.ceil(pool.labels.length / settings.microBatch);
  const total = poolParts + settings.steps * ownParts;
  let done = 0;
  const tick = () => onStep?.(++done, total);
  let replayFeatures: tfjs.Tensor | null = null;
  let summed: tfjs.NamedTensorMap | null = null;
  try {
    replayFeatures = await featuresOf(tf, frozen, pool, settings.microBatch, tick);
    const poolFeatures = replayFeatures;
    for (let step = 0; step < settings.steps; step++) {
      const pick = (count: number, from: number) => Int32Array.from({ length: count }, () => randomIndex(random, from));
      const ownPick = pick(ownRows, train.labels.length);
      const replayPick = pick(settings.replayPerBatch, pool.labels.length);
      const ownLabels = Int32Array.from(ownPick, (i) => train.labels[i] ?? 0);
      const replayLabels = Int32Array.from(replayPick, (i) => pool.labels[i] ?? 0);
      let loss = 0;
      // A step's loss, the batch's mean cross-entropy plus the penalty, is cut into terms: each
      // micro-batch of the player's digits weighted by its share of the batch, and with the last one
      // the replay rows (features computed once, so cheap) and the penalty. The summed gradients are
      // the whole batch's: the split only spreads the work over frames.
      for (let part = 0; part < ownParts; part++) {
        const from = part * settings.microBatch;
        const rows = Math.min(settings.microBatch, ownRows - from);
        const last = part === ownParts - 1;
        const previous: tfjs.NamedTensorMap | null = summed;
        const result = tf.tidy(() => {
          const x = tf.gather(ownImages, ownPick.subarray(from, from + rows));
          const y = tf.tensor1d(ownLabels.subarray(from, from + rows), 'int32');
          const features = runLayers(frozen, augmentImages(tf, x, settings.augment, random), false);
          const { value, grads } = tf.variableGrads(() => {
            const own: tfjs.Scalar = tf.mul(crossEntropy(tf, runLayers(head, features, true) as tfjs.Tensor2D, y, settings.labelSmoothing), rows / settings.batchSize);
            if (!last) return own;
            const penalty: tfjs.Scalar = tf.mul(tf.addN(variables.map((variable, v) => tf.sum(tf.square(tf.sub(variable, anchors[v] ?? variable))))), settings.anchor);
            if (replayPick.length === 0) return tf.add(own, penalty);
            const replayed = runLayers(head, tf.gather(poolFeatures, replayPick), true) as tfjs.Tensor2D;
            const replayLoss: tfjs.Scalar = tf.mul(crossEntropy(tf, replayed, tf.tensor1d(replayLabels, 'int32'), settings.labelSmoothing), replayPick.length / settings.batchSize);
            return tf.add(tf.add(own, penalty), replayLoss);
          }, [...variables]);
          const sums: tfjs.NamedTensorMap = {};
          for (const [name, grad] of Object.entries(grads)) {
            const sofar = previous?.[name];
            sums[name] = tf.keep(sofar ? tf.add(sofar, grad) : grad);
          }
          return { sums, loss: value.dataSync()[0] ?? Number.NaN };
        });
        if (previous) tf.dispose(Object.values(previous));
        summed = result.sums;
        loss += result.loss;
        if (last) {
          optimizer.applyGradients(result.sums);
          tf.dispose(Object.values(result.sums));
          summed = null;
          if (!Number.isFinite(loss)) throw new Error(`fine-tuning diverged (loss ${loss}) at step ${step + 1}: lower the learning rate`);
        }
        await tick();
      }
    }
    return { model, heldOut: { n: heldOut.labels.length, before: accuracy(tf, base, heldOut), after: accuracy(tf, model, heldOut) } };
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    if (summed) tf.dispose(Object.values(summed));
    if (replayFeatures) replayFeatures.dispose();
    optimizer.dispose();
    tf.dispose([...anchors, ownImages]);
  }
}

/** Share of `examples` the model reads right; NaN for none. */
export function accuracy(tf: typeof tfjs, model: tfjs.LayersModel, examples: Examples): number {
  const n = examples.labels.length;
  if (n === 0) return Number.NaN;
  const predicted = tf.tidy(() => tf.argMax(model.predict(asImageTensor(tf, examples)) as tfjs.Tensor2D, 1).dataSync());
  return predicted.filter((p, i) => p === examples.labels[i]).length / n;
}

function asImageTensor(tf: typeof tfjs, examples: Examples): tfjs.Tensor4D {
  return tf.tensor4d(examples.images, [examples.labels.length, IMAGE_SIZE, IMAGE_SIZE, 1]);
}

function checkSettings(s: FineTuneOptions): void {
  const integer = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min) throw new RangeError(`fine-tuning option ${name} must be an integer >= ${min}, got ${value}`);
  };
  integer('steps', s.steps, 1);
  integer('batchSize', s.batchSize, 1);
  integer('microBatch', s.microBatch, 1);
  integer('replayPerBatch', s.replayPerBatch, 0);
  integer('replayPool', s.replayPool, 1);
  if (s.replayPerBatch >= s.batchSize) throw new RangeError(`fine-tuning option replayPerBatch (${s.replayPerBatch}) must leave room for your digits in a batch of ${s.batchSize}`);
  for (const [name, value] of [['learningRate', s.learningRate], ['anchor', s.anchor], ['labelSmoothing', s.labelSmoothing]] as const) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`fine-tuning option ${name} must be a number >= 0, got ${value}`);
  }
  if (!(s.holdOut >= 0 && s.holdOut < 1)) throw new RangeError(`fine-tuning option holdOut must be in [0, 1), got ${s.holdOut}`);
}
