import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../../common/random.ts';
import { epochOrder, type LabelledImages } from '../data/labelledImages.ts';
import { DataParallel, defaultWorkers } from './parallel/dataParallel.ts';
import { yieldToSignals } from '../process/interrupt.ts';
import type { Recipe } from '../models/architectures.ts';
import { predictLabels } from '../models/predict.ts';
import { tallyValidation } from '../eval/validationTally.ts';
import { applyGradients, batchGradients, trainableVariables } from './step.ts';
import { WeightAverage } from './weightAverage.ts';

/**
 * The one training loop: whole-dataset tensors, a shuffled index per epoch, augmentation per batch,
 * Adam with the recipe's learning-rate schedule and label smoothing, an exponential moving average of
 * the weights, validation at a fixed cadence, and a state that can be saved and resumed.
 */

export interface TrainState {
  /** epochs fully done */
  readonly epoch: number;
  /** steps done inside the current epoch */
  readonly step: number;
  /** the augmentation RNG's state where training stopped */
  readonly randomState: number;
  readonly seconds: number;
  readonly history: readonly EvaluationPoint[];
}

export interface EvaluationPoint {
  /** fractional epochs done, e.g. 2.25 */
  readonly epoch: number;
  readonly validationAccuracy: number;
  /** mean cross-entropy on the validation images; absent in histories recorded before it was */
  readonly validationLoss?: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly seconds: number;
}

export interface StepReport {
  readonly epoch: number;
  readonly step: number;
  readonly stepsPerEpoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly learningRate: number;
}

export interface TrainOptions {
  readonly recipe: Recipe;
  readonly seed: number;
  readonly train: LabelledImages;
  readonly validation: LabelledImages;
  /** validate every this fraction of an epoch (1 = at each epoch's end) */
  readonly evaluateEvery?: number;
  /** stop as soon as validation accuracy reaches this */
  readonly targetAccuracy?: number;
  /**
   * End with the weights that scored best on validation rather than the last ones: the held-out
   * images are there for model selection, and small-batch runs swing by tenths of a point between
   * evaluations. A resumed run selects among the evaluations made after resuming.
   */
  readonly keepBest?: boolean;
  readonly resume?: ResumePoint;
  readonly onStep?: (report: StepReport) => void;
  readonly onEvaluate?: (point: EvaluationPoint) => void;
  /** called at every epoch's end, when stopping early and when done, with everything needed to resume */
  readonly onCheckpoint?: (checkpoint: Checkpoint) => Promise<void>;
  /** polled before every step, e.g. set by Ctrl-C */
  readonly shouldStop?: () => boolean;
  /**
   * Threads that compute each step's gradients, this one included: 1 is the single-thread loop, more
   * split every batch over worker threads (ml/training/parallel/dataParallel.ts). Default: defaultWorkers(images, batch size).
   */
  readonly workers?: number;
}

export interface ResumePoint {
  readonly state: TrainState;
  readonly optimizerWeights: OptimizerWeights;
  /** averaged weights in model.getWeights() order; empty when the recipe has no averaging */
  readonly averageWeights: tf.Tensor[];
  /**
   * Set when the loop had ended: the model's weights are already the ones it ended with, so a
   * resume goes straight to what comes after training (calibration, test, save).
   */
  readonly finished?: FinishedRun;
}

export interface FinishedRun {
  readonly stopped: 'finished' | 'target';
  readonly selected: EvaluationPoint | undefined;
}

type OptimizerWeights = Awaited<ReturnType<tf.Optimizer['getWeights']>>;

/** Adam whose learning rate the schedule can move between steps (tfjs reads it on every update). */
class ScheduledAdam extends tf.AdamOptimizer {
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }
}

/** What onCheckpoint receives: `finished` set on the one saved after the loop ended. */
export type Checkpoint = ResumePoint;

export interface TrainResult {
  readonly state: TrainState;
  /** the evaluation whose weights the model ends with */
  readonly selected: EvaluationPoint | undefined;
  readonly stopped: 'finished' | 'target' | 'interrupted';
}

export async function train(model: tf.LayersModel, options: TrainOptions): Promise<TrainResult> {
  const done = options.resume?.finished;
  if (options.resume && done) {
    tf.dispose([...options.resume.averageWeights, ...options.resume.optimizerWeights.map((w) => w.tensor)]);
    return { state: options.resume.state, stopped: done.stopped, selected: done.selected };
  }
  const { recipe, train: data } = options;
  const count = data.labels.length;
  const stepsPerEpoch = Math.ceil(count / recipe.batchSize);
  const evaluateSteps = Math.max(1, Math.round(stepsPerEpoch * (options.evaluateEvery ?? 1)));
  const labels = tf.tensor1d(Int32Array.from(data.labels), 'int32');
  const optimizer = new ScheduledAdam(recipe.learningRate, 0.9, 0.999);
  const variables = trainableVariables(model);
  const resumedSteps = options.resume ? options.resume.state.epoch * stepsPerEpoch + options.resume.state.step : 0;
  const average = new WeightAverage(model, recipe.emaDecay, options.resume?.averageWeights, resumedSteps);

  let epoch = options.resume?.state.epoch ?? 0;
  let step = options.resume?.state.step ?? 0;
  const random = createRandom(options.resume?.state.randomState ?? options.seed);
  const history = [...(options.resume?.state.history ?? [])];
  const started = performance.now() - (options.resume?.state.seconds ?? 0) * 1000;
  const seconds = () => (performance.now() - started) / 1000;
  if (options.resume) await optimizer.setWeights(options.resume.optimizerWeights);

  let lossSum = 0;
  let correctSum = 0;
  let seen = 0;
  const state = (): TrainState => ({ epoch, step, randomState: random.state(), seconds: seconds(), history });
  const checkpoint = async (finished?: FinishedRun) => {
    if (!options.onCheckpoint) return;
    const optimizerWeights = await optimizer.getWeights();
    try {
      await options.onCheckpoint({ state: state(), optimizerWeights, averageWeights: average.weights(), ...(finished ? { finished } : {}) });
    } finally {
      // getWeights makes a fresh scalar for the step count; the moments are the optimizer's own variables.
      tf.dispose(optimizerWeights.filter((w) => w.name === 'iter').map((w) => w.tensor));
    }
  };
  const stepOnThisThread = (batch: Uint32Array) => {
    const { loss, correct, gradients } = batchGradients(model, variables, data.images, labels, Int32Array.from(batch), recipe, random);
    try {
      applyGradients(optimizer, variables, gradients, loss);
    } finally {
      tf.dispose(gradients);
    }
    return { loss, correct };
  };
  let best: { point: EvaluationPoint; weights: tf.Tensor[] } | undefined;
  let parallel: DataParallel | undefined;
  const finish = (stopped: TrainResult['stopped']): TrainResult => {
    if (best) model.setWeights(best.weights);
    else average.applyToModel();
    return { state: state(), stopped, selected: best?.point ?? history.at(-1) };
  };
  const finishWithCheckpoint = async (stopped: FinishedRun['stopped']): Promise<TrainResult> => {
    const result = finish(stopped);
    await checkpoint({ stopped, selected: result.selected });
    return result;
  };
  const evaluate = async (): Promise<EvaluationPoint> => {
    const tally = parallel
      ? await parallel.validate(average)
      : average.withAverage(() => tallyValidation(model, options.validation.images, options.validation.labels));
    const validationAccuracy = tally.correct / tally.count;
    const point = {
      epoch: epoch + step / stepsPerEpoch,
      validationAccuracy,
      validationLoss: tally.lossSum / tally.count,
      trainLoss: seen ? lossSum / seen : Number.NaN,
      trainAccuracy: seen ? correctSum / seen : Number.NaN,
      seconds: seconds(),
    };
    lossSum = correctSum = seen = 0;
    history.push(point);
    if (options.keepBest && (!best || validationAccuracy > best.point.validationAccuracy)) {
      if (best) tf.dispose(best.weights);
      best = { point, weights: average.snapshot() };
    }
    options.onEvaluate?.(point);
    return point;
  };

  try {
    const workers = options.workers ?? defaultWorkers(count, recipe.batchSize);
    if (workers > 1) parallel = await DataParallel.start(model, data, options.validation, recipe, workers);
    for (; epoch < recipe.epochs; epoch++, step = 0) {
      // The order depends only on (seed, epoch), so a resumed epoch sees the same batches.
      const order = epochOrder(count, options.seed, epoch);
      for (; step < stepsPerEpoch; ) {
        if (options.shouldStop?.()) {
          await checkpoint();
          return { state: state(), stopped: 'interrupted', selected: undefined };
        }
        const learningRate = learningRateAt(recipe, epoch + step / stepsPerEpoch);
        optimizer.setLearningRate(learningRate);
        const batch = order.subarray(step * recipe.batchSize, (step + 1) * recipe.batchSize);
        const { loss, correct } = parallel
          ? await parallel.step(optimizer, batch, random)
          : stepOnThisThread(batch);
        average.update();
        step++;
        lossSum += loss * batch.length;
        correctSum += correct;
        seen += batch.length;
        options.onStep?.({ epoch, step, stepsPerEpoch, loss, accuracy: correct / batch.length, learningRate });
        if (step % evaluateSteps === 0 || step === stepsPerEpoch) {
          const point = await evaluate();
          if (options.targetAccuracy !== undefined && point.validationAccuracy >= options.targetAccuracy) {
            if (step === stepsPerEpoch) {
              epoch++;
              step = 0;
            }
            return await finishWithCheckpoint('target');
          }
        }
        // Signal handlers and output only run when the event loop gets a turn: one per step lets
        // Ctrl-C stop the loop at the next step. A turn costs microseconds, a step milliseconds.
        await yieldToSignals();
      }
      if (epoch + 1 < recipe.epochs) {
        await checkpointAtEpochEnd(
          checkpoint,
          () => {
            epoch++;
            step = 0;
          },
          () => {
            epoch--;
            step = stepsPerEpoch;
          },
        );
      }
    }
    return await finishWithCheckpoint('finished');
  } finally {
    await parallel?.terminate();
    if (best) tf.dispose(best.weights);
    labels.dispose();
    optimizer.dispose();
    average.dispose();
  }
}

/** The state at an epoch's end reads as "next epoch, step 0" so a resume starts cleanly there. */
async function checkpointAtEpochEnd(save: () => Promise<void>, advance: () => void, undo: () => void) {
  advance();
  try {
    await save();
  } finally {
    undo();
  }
}

/** at `epochs` (fractional) into the run. One-cycle: linear warm-up from lr/10, then cosine to ~0 at the last epoch's end. */
export function learningRateAt(recipe: Recipe, epochs: number): number {
  const peak = recipe.learningRate;
  if (recipe.schedule === 'constant') return peak;
  const warmup = Math.min(recipe.warmupEpochs, recipe.epochs / 2);
  if (epochs < warmup) return peak * (0.1 + (0.9 * epochs) / warmup);
  const t = (epochs - warmup) / (recipe.epochs - warmup);
  return peak * (0.005 + 0.995 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t))));
}

export function accuracyOf(model: tf.LayersModel, data: LabelledImages): number {
  const predicted = predictLabels(model, data.images);
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === data.labels[i]) correct++;
  return correct / data.labels.length;
}
