import type * as tfjs from '@tensorflow/tfjs';
import { augmentImages, type Augmentation } from '../augment.ts';
import { IMAGE_PIXELS, IMAGE_SIZE, NUM_CLASSES } from '../digit.ts';
import { createRandom } from '../random.ts';
import { checkExamples, examplesNeeded, MIN_EXAMPLES, type Examples } from './examples.ts';
import { assignFolds, foldIndices } from './folds.ts';
import { copyModel, runLayers, splitAtHead } from './headModel.ts';
import { copyProbabilities, trainHeads, trainSteps, type TeachingFeatures } from './headTraining.ts';
import { nonDigitDrawer } from './nonDigitInk.ts';
import { choosePrototypeWeight, classPrototypes, foldPrototypes, prototypeTerm, type Prototypes } from './prototypes.ts';
import { refitTemperature } from './refitTemperature.ts';
import { pickRows } from './rows.ts';
import { featuresOf, replayDraws, warmLayers, warmParts } from './replayFeatures.ts';
import { disposeStacked, stackHead, writeCopy, type StackedHead } from './stackedHead.ts';

/**
 * Teaching a model one player's handwriting, in the browser and in Node alike (tf comes in as a
 * parameter). The convolutions and their batch norm statistics stay frozen and run once per teach:
 * on each of the player's digits as drawn and in a few augmented views (so a few examples stand for
 * many), and on replay digits. Only the head learns (./headTraining.ts), first once per fold of a
 * rotating hold-out, so that every one of the player's digits is read by a model that never saw it
 * (the before/after the player is shown), then on all of them: the model kept. Beside the head,
 * the mean feature of the player's digits of each class (./prototypes.ts) is added to the logits,
 * at the weight under which the fold models read the held-out digits and the calibration digits
 * best, and folded into the head's weights. Last, the temperature is refitted on digits the model
 * did not learn from (./refitTemperature.ts).
 */

export interface FineTuneOptions {
  readonly steps: number;
  /** rows per step, the player's and the replay set's together */
  readonly batchSize: number;
  /** images sent through the frozen layers between two onStep calls (the browser yields a frame there) */
  readonly microBatch: number;
  /** of each batch, how many rows are replay digits */
  readonly replayPerBatch: number;
  /** replay digits drawn at random for one teach, mixed into its batches */
  readonly replayPool: number;
  /** replay digits outside the pool on which the temperature is refitted */
  readonly calibrationPool: number;
  /** views of each of the player's digits: the digit as drawn and views - 1 augmented copies */
  readonly views: number;
  /** folds of the rotating hold-out, each held out once (1: none); the head is trained folds + 1 times, all at once */
  readonly folds: number;
  readonly learningRate: number;
  /** weight of sum((w - w_base)^2) over the head's weights, added to the loss */
  readonly anchor: number;
  readonly labelSmoothing: number;
  readonly augment: Augmentation;
  /** the weights of the prototype term the rotating hold-out chooses from; [0] turns prototypes off */
  readonly prototypeWeights: readonly number[];
  /** shapes that are no digit drawn for the "not a digit" prototype (0: none) */
  readonly nonDigitShapes: number;
  /** the "not a digit" prototype's weight against a digit's */
  readonly nonDigitWeight: number;
  readonly seed: number;
}

// with the prototypes doing much of the work, 60 steps, 6 views and the smaller replay draws read
// writers as well as 100, 8 and 512 / 256 did, in 165 parts of work instead of 267 (a part a frame
// in the page: BENCHMARKS.md section 7)
export const FINE_TUNE_DEFAULTS: FineTuneOptions = Object.freeze({
  steps: 60,
  batchSize: 32,
  microBatch: 8,
  replayPerBatch: 16,
  replayPool: 256,
  calibrationPool: 128,
  views: 6,
  folds: 5,
  learningRate: 5e-3,
  anchor: 1e-3,
  // none: the shipped heads are sharpened by their refitted temperature, and smoothed targets
  // pulled every logit in, moving the base's boundaries for every writer (BENCHMARKS.md section 7)
  labelSmoothing: 0,
  augment: Object.freeze({ rotation: 8, zoom: 0.08, shift: 0.05, shear: 8, thickness: 0.2 }),
  prototypeWeights: Object.freeze([0, 2, 4, 6, 8, 10, 12, 16]),
  nonDigitShapes: 64,
  // at 1, thick-stroked writers' digits went to "not a digit" more; at 0.5, dashes and scribbles to digits (BENCHMARKS.md section 7)
  nonDigitWeight: 0.75,
  seed: 1,
});

export interface TeachResult {
  /** a NEW model; the base is untouched */
  readonly model: tfjs.LayersModel;
  /**
   * accuracy 0..1 on the player's digits, each read by the base (before) and by the fold's model
   * that did not learn from it (after): all n of them, or none (NaN) with folds 1
   */
  readonly heldOut: { readonly n: number; readonly before: number; readonly after: number };
  /** the temperature refitted into the taught model's last layer */
  readonly temperature: number;
  /** the weight of the prototype term folded into the taught model (0: none) */
  readonly prototypeWeight: number;
}

/**
 * `onStep` is awaited after every micro-batch of frozen-layer work and every head step, with `done`
 * and `total` counting them: the caller may yield a frame there.
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
  const n = own.labels.length;
  const fold = assignFolds(own.labels, settings.folds, random);
  const draws = settings.replayPerBatch > 0 ? replayDraws(replay, settings.replayPool, settings.calibrationPool, random) : replayDraws(replay, 0, settings.calibrationPool, random);

  // one copy of the head per fold that holds digits out, the last one learning from all of them
  const folds = settings.folds < 2 ? [] : Array.from({ length: settings.folds }, (_, f) => f).filter((f) => foldIndices(fold, f, true).length > 0);
  const trains = [...folds.map((f) => foldIndices(fold, f, false)), Uint32Array.from({ length: n }, (_, i) => i)];
  const classes = base.outputs[0]?.shape[1] ?? NUM_CLASSES;
  const chunks = (rows: number) => Math.ceil(rows / settings.microBatch);
  // prototypes fold into a head that is one Dense layer reading the frozen features, as the shipped models' is
  const baseSplit = splitAtHead(tf, base);
  const withPrototypes = baseSplit.head.length === 1 && settings.prototypeWeights.some((weight) => weight > 0);
  const shapes = withPrototypes && classes > NUM_CLASSES ? settings.nonDigitShapes : 0;
  // the prototypes: one to warm up, one per copy of the head, the reads they are chosen on, the choice of their weight
  const prototypeSteps = withPrototypes ? trains.length + 3 : 0;
  // the copy, the first pass through each weighted frozen layer and the stacking of the heads are
  // parts of their own: a fresh page's first use of each is slow; the last part reads what
  // teaching did not learn from with the prototypes' weight chosen
  const total = 1 + warmParts(baseSplit.frozen) + settings.views * chunks(n) + chunks(draws.pool.labels.length) + chunks(draws.calibration.labels.length) + chunks(shapes) + 1 + trainSteps(settings.steps) + prototypeSteps + 1;
  let done = 0;
  const tick = () => onStep?.(++done, total);

  const model = await copyModel(tf, base);
  const split = splitAtHead(tf, model);
  for (const layer of split.frozen) layer.trainable = false;
  await tick();
  await warmLayers(tf, split.frozen, tick);
  const held: tfjs.Tensor[] = [];
  let stacked: StackedHead | null = null;
  try {
    const features = async (examples: Examples, augmented: boolean, fill?: (images: Float32Array, from: number, rows: number) => void) => {
      const prepare = augmented ? (x: tfjs.Tensor4D) => augmentImages(tf, x, settings.augment, random) : undefined;
      const computed = (await featuresOf(tf, split.frozen, examples, settings.microBatch, tick, prepare, fill)) as tfjs.Tensor2D;
      held.push(computed);
      return computed;
    };
    const views: tfjs.Tensor2D[] = [];
    for (let view = 0; view < settings.views; view++) views.push(await features(own, view > 0));
    const ownFeatures = tf.concat(views);
    held.push(ownFeatures);
    // the head's steps and the prototypes pick rows from the values, read once here
    const data: TeachingFeatures = {
      width: ownFeatures.shape[1],
      own: ownFeatures.dataSync() as Float32Array,
      ownLabels: own.labels,
      views: settings.views,
      replay: (await features(draws.pool, false)).dataSync() as Float32Array,
      replayLabels: draws.pool.labels,
    };
    const calibration = await features(draws.calibration, false);
    // a stream of their own, so that the shapes do not move the draws of the rest of teaching
    const nonDigit = shapes === 0 ? null : await features({ images: new Float32Array(shapes * IMAGE_PIXELS), labels: new Uint8Array(shapes) }, false, nonDigitDrawer(createRandom(settings.seed + 1)));
    const drawn = views[0] ?? ownFeatures;
    const before = tf.tidy(() => runLayers(split.head, drawn, false).dataSync() as Float32Array);

    const heads = stackHead(tf, split.head, trains.length);
    stacked = heads;
    const anchors = heads.variables.map((variable) => tf.clone(variable));
    held.push(...anchors);
    await tick();
    await trainHeads(tf, heads, anchors, data, trains, settings, random, tick);
    const kept = trains.length - 1;
    // what teaching did not learn from: each fold's held-out digits, read by its copy, and the calibration digits, read by the copy kept
    const reads = [...folds.map((f, h) => ({ copy: h, features: tf.gather(drawn, Int32Array.from(foldIndices(fold, f, true))) })), { copy: kept, features: calibration }];
    held.push(...reads.slice(0, -1).map((read) => read.features));
    const readLabels = [...folds.map((f) => Int32Array.from(foldIndices(fold, f, true), (i) => own.labels[i] ?? 0)), Int32Array.from(draws.calibration.labels)];
    const prototypes: Prototypes[] = [];
    let terms: (tfjs.Tensor2D | undefined)[] = reads.map(() => undefined);
    let prototypeWeight = 0;
    if (withPrototypes) {
      // a fresh page's first prototypes are slow (their ops' first use): one digit's, thrown away, in a part of its own
      const first = pickRows(tf, data.own, data.width, [0]);
      const warm = classPrototypes(tf, first, Int32Array.of(own.labels[0] ?? 0), classes, nonDigit, settings.nonDigitWeight);
      tf.dispose([first, warm.directions, warm.weights]);
      await tick();
      // each copy's prototypes from the digits it learnt from, every view of them
      for (const train of trains) {
        const rows = Int32Array.from({ length: settings.views * train.length }, (_, r) => Math.floor(r / train.length) * n + (train[r % train.length] ?? 0));
        const rowFeatures = pickRows(tf, data.own, data.width, rows);
        const made = classPrototypes(tf, rowFeatures, Int32Array.from(rows, (row) => own.labels[row % n] ?? 0), classes, nonDigit, settings.nonDigitWeight);
        rowFeatures.dispose();
        held.push(made.directions, made.weights);
        prototypes.push(made);
        await tick();
      }
      terms = reads.map((read) => {
        const mine = prototypes[read.copy];
        return mine === undefined || read.features.shape[0] === 0 ? undefined : prototypeTerm(tf, mine, read.features);
      });
      const plain = reads.flatMap((read, r) => {
        const term = terms[r];
        if (term === undefined) return [];
        held.push(term);
        const probabilities = tf.tensor2d(copyProbabilities(tf, heads, read.copy, read.features), [read.features.shape[0], classes]);
        held.push(probabilities);
        return [{ probabilities, term, labels: readLabels[r] ?? new Int32Array(0) }];
      });
      await tick();
      prototypeWeight = choosePrototypeWeight(tf, plain, settings.prototypeWeights);
      await tick();
    }
    const shifted = reads.map((read, r) => {
      const term = terms[r];
      if (read.features.shape[0] === 0) return new Float32Array(0);
      if (term === undefined || prototypeWeight === 0) return copyProbabilities(tf, heads, read.copy, read.features);
      const shift = tf.mul<tfjs.Tensor2D>(term, prototypeWeight);
      const probabilities = copyProbabilities(tf, heads, read.copy, read.features, undefined, shift);
      shift.dispose();
      return probabilities;
    });
    // the rest (the kept copy written into the model, the prototypes folded in, the temperature refitted) in a part of its own
    await tick();
    // the fold copies' reads are the player's before/after; with the calibration digits' they refit the temperature
    const heldOut = Uint32Array.from(folds.flatMap((f) => Array.from(foldIndices(fold, f, true))));
    const heldOutLabels = Array.from(heldOut, (i) => own.labels[i] ?? 0);
    const heldOutProbabilities = concatFloats(shifted.slice(0, -1));
    writeCopy(tf, heads, kept, split.head);
    const keptPrototypes = prototypes[kept];
    if (keptPrototypes !== undefined && prototypeWeight > 0 && split.head[0] !== undefined) foldPrototypes(tf, split.head[0], keptPrototypes, prototypeWeight);
    const temperature = refitTemperature(tf, split.head, concatFloats(shifted), [...heldOutLabels, ...draws.calibration.labels]);
    const measured = heldOut.length;
    return {
      model,
      heldOut: {
        n: measured,
        before: measured === 0 ? Number.NaN : countCorrect(before, own.labels, heldOut) / measured,
        after: measured === 0 ? Number.NaN : countCorrect(heldOutProbabilities, heldOutLabels) / measured,
      },
      temperature,
      prototypeWeight,
    };
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    if (stacked) disposeStacked(stacked);
    tf.dispose(held);
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

/**
 * Rows of row-major `probabilities` (one row per label) whose largest entry is at the row's label;
 * only the rows at `rows` when given.
 */
function countCorrect(probabilities: Float32Array, labels: ArrayLike<number>, rows?: Uint32Array): number {
  const classes = labels.length === 0 ? 1 : probabilities.length / labels.length;
  let correct = 0;
  for (const i of rows ?? Array.from({ length: labels.length }, (_, i) => i)) {
    const row = probabilities.subarray(i * classes, (i + 1) * classes);
    let best = 0;
    for (let c = 1; c < classes; c++) if ((row[c] ?? 0) > (row[best] ?? 0)) best = c;
    if (best === labels[i]) correct++;
  }
  return correct;
}

function concatFloats(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
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
  integer('calibrationPool', s.calibrationPool, 0);
  integer('views', s.views, 1);
  integer('folds', s.folds, 1);
  integer('nonDigitShapes', s.nonDigitShapes, 0);
  if (s.prototypeWeights.length === 0 || s.prototypeWeights.some((w) => !Number.isFinite(w) || w < 0)) throw new RangeError(`fine-tuning option prototypeWeights must hold numbers >= 0, got [${s.prototypeWeights.join(', ')}]`);
  if (s.replayPerBatch >= s.batchSize) throw new RangeError(`fine-tuning option replayPerBatch (${s.replayPerBatch}) must leave room for your digits in a batch of ${s.batchSize}`);
  for (const [name, value] of [['learningRate', s.learningRate], ['anchor', s.anchor], ['labelSmoothing', s.labelSmoothing], ['nonDigitWeight', s.nonDigitWeight]] as const) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`fine-tuning option ${name} must be a number >= 0, got ${value}`);
  }
}
