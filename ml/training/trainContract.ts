import type * as tf from '@tensorflow/tfjs';
import type { LabelledImages } from '../data/labelledImages.ts';
import type { Recipe } from '../models/architectures.ts';

/**
 * What train() (loop.ts) takes and gives back: its options, what it reports while running, and the
 * state it saves, resumes from and ends with. Apart from the loop so that the run's pieces (run.ts)
 * and the checkpoint files (checkpoint.ts) can name them without importing the loop.
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

/** What onCheckpoint receives: `finished` set on the one saved after the loop ended. */
export type Checkpoint = ResumePoint;

export interface TrainResult {
  readonly state: TrainState;
  /** the evaluation whose weights the model ends with */
  readonly selected: EvaluationPoint | undefined;
  readonly stopped: 'finished' | 'target' | 'interrupted';
}
