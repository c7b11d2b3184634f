import * as tf from '@tensorflow/tfjs';
import { createRandom, type Random } from '../../common/random.ts';
import { tallyValidation } from '../eval/validationTally.ts';
import { DataParallel, defaultWorkers } from './parallel/dataParallel.ts';
import { epochsDone, stepsDone, type Position } from './position.ts';
import { applyGradients, batchGradients, trainableVariables } from './step.ts';
import type { EvaluationPoint, FinishedRun, TrainOptions, TrainResult, TrainState } from './trainContract.ts';
import { accuracy, meanLoss, type TrainTally } from './trainTally.ts';
import { WeightAverage } from './weightAverage.ts';

/**
 * What one call of train() holds from its start to its end: the optimiser, the weight average, the
 * augmentation RNG, the worker threads, the history and the best weights so far. The loop (loop.ts)
 * keeps where it is and what it has seen since the last evaluation, and hands those in.
 */

/** Adam whose learning rate the schedule can move between steps (tfjs reads it on every update). */
class ScheduledAdam extends tf.AdamOptimizer {
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }
}

interface Best {
  readonly point: EvaluationPoint;
  readonly weights: tf.Tensor[];
}

export class TrainingRun {
  private readonly variables: tf.Variable[];
  private parallel: DataParallel | undefined;
  private best: Best | undefined;

  private constructor(
    private readonly model: tf.LayersModel,
    private readonly options: TrainOptions,
    /** the training labels as one int32 tensor, [images] */
    private readonly labels: tf.Tensor1D,
    private readonly optimizer: ScheduledAdam,
    private readonly average: WeightAverage,
    private readonly random: Random,
    private readonly history: EvaluationPoint[],
    /** performance.now() of a run that had never stopped: a resumed run's seconds go on counting */
    private readonly started: number,
  ) {
    this.variables = trainableVariables(model);
  }

  /** Everything a run at `position` needs, from `options.resume` when set; the caller disposes it. */
  static async start(model: tf.LayersModel, options: TrainOptions, position: Position): Promise<TrainingRun> {
    const { recipe, resume } = options;
    const labels = tf.tensor1d(Int32Array.from(options.train.labels), 'int32');
    const optimizer = new ScheduledAdam(recipe.learningRate, 0.9, 0.999);
    const average = new WeightAverage(model, recipe.emaDecay, resume?.averageWeights, resume ? stepsDone(position) : 0);
    const random = createRandom(resume?.state.randomState ?? options.seed);
    const started = performance.now() - (resume?.state.seconds ?? 0) * 1000;
    const run = new TrainingRun(model, options, labels, optimizer, average, random, [...(resume?.state.history ?? [])], started);
    try {
      if (resume) await optimizer.setWeights(resume.optimizerWeights);
      const workers = options.workers ?? defaultWorkers(options.train.labels.length, recipe.batchSize);
      if (workers > 1) run.parallel = await DataParallel.start(model, options.train, options.validation, recipe, workers);
    } catch (error) {
      await run.dispose();
      throw error;
    }
    return run;
  }

  /** One optimiser step on `batch` (indices of training images), then the average follows the weights. */
  async step(batch: Uint32Array, learningRate: number): Promise<{ loss: number; correct: number }> {
    this.optimizer.setLearningRate(learningRate);
    const result = this.parallel ? await this.parallel.step(this.optimizer, batch, this.random) : this.stepOnThisThread(batch);
    this.average.update();
    return result;
  }

  /** Validates the averaged weights, records the point (and its weights if they are the best) and reports it. */
  async evaluate(position: Position, train: TrainTally): Promise<EvaluationPoint> {
    const { validation } = this.options;
    const tally = this.parallel
      ? await this.parallel.validate(this.average)
      : this.average.withAverage(() => tallyValidation(this.model, validation.images, validation.labels));
    const validationAccuracy = tally.correct / tally.count;
    const point = {
      epoch: epochsDone(position),
      validationAccuracy,
      validationLoss: tally.lossSum / tally.count,
      trainLoss: meanLoss(train),
      trainAccuracy: accuracy(train),
      seconds: this.seconds(),
    };
    this.history.push(point);
    if (this.options.keepBest && (!this.best || validationAccuracy > this.best.point.validationAccuracy)) {
      if (this.best) tf.dispose(this.best.weights);
      this.best = { point, weights: this.average.snapshot() };
    }
    this.options.onEvaluate?.(point);
    return point;
  }

  /** Saves what a resume at `position` needs; `finished` marks the checkpoint saved once the loop has ended. */
  async checkpoint(position: Position, finished?: FinishedRun): Promise<void> {
    if (!this.options.onCheckpoint) return;
    const optimizerWeights = await this.optimizer.getWeights();
    try {
      await this.options.onCheckpoint({
        state: this.state(position),
        optimizerWeights,
        averageWeights: this.average.weights(),
        ...(finished ? { finished } : {}),
      });
    } finally {
      // getWeights makes a fresh scalar for the step count; the moments are the optimizer's own variables.
      tf.dispose(optimizerWeights.filter((w) => w.name === 'iter').map((w) => w.tensor));
    }
  }

  /** Ctrl-C and the like: the model keeps its last weights, the checkpoint resumes mid-run. */
  async interrupt(position: Position): Promise<TrainResult> {
    await this.checkpoint(position);
    return { state: this.state(position), stopped: 'interrupted', selected: undefined };
  }

  /** Leaves the model with the selected weights (the best, else the averaged ones) and saves the ended run. */
  async finish(position: Position, stopped: FinishedRun['stopped']): Promise<TrainResult> {
    if (this.best) this.model.setWeights(this.best.weights);
    else this.average.applyToModel();
    const result = { state: this.state(position), stopped, selected: this.best?.point ?? this.history.at(-1) };
    await this.checkpoint(position, { stopped, selected: result.selected });
    return result;
  }

  async dispose(): Promise<void> {
    await this.parallel?.terminate();
    if (this.best) tf.dispose(this.best.weights);
    this.labels.dispose();
    this.optimizer.dispose();
    this.average.dispose();
  }

  private stepOnThisThread(batch: Uint32Array): { loss: number; correct: number } {
    const { model, variables, labels, random } = this;
    const { images } = this.options.train;
    const { loss, correct, gradients } = batchGradients(model, variables, images, labels, Int32Array.from(batch), this.options.recipe, random);
    try {
      applyGradients(this.optimizer, variables, gradients, loss);
    } finally {
      tf.dispose(gradients);
    }
    return { loss, correct };
  }

  private state(position: Position): TrainState {
    return { epoch: position.epoch, step: position.step, randomState: this.random.state(), seconds: this.seconds(), history: this.history };
  }

  private seconds(): number {
    return (performance.now() - this.started) / 1000;
  }
}
