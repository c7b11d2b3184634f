import type * as tfjs from '@tensorflow/tfjs';
import { crossEntropy } from '../crossEntropy.ts';
import { randomIndex, type Random } from '../random.ts';
import { pickRows } from './rows.ts';
import { runCopy, runStacked, type StackedHead } from './stackedHead.ts';

/**
 * One explicit loop that trains copies of the head on features the frozen layers already computed,
 * so a step costs only the head (a Dense layer on 864 numbers for the shipped models). Copy h learns
 * from the player's digits at trains[h]: each batch mixes them (a random augmented view of each)
 * with replay digits, and the loss adds an L2 pull toward the base weights rather than toward zero
 * (Kienzle & Chellapilla, ICML 2006). The copies share nothing but the step count: the summed loss
 * gives each copy its own gradient, and Adam's update is per weight.
 */

/** The features teaching learns from, computed once per teach. */
export interface TeachingFeatures {
  /** F, the values per row */
  readonly width: number;
  /** [views * n, F] row-major: row v * n + i is view v of the player's digit i; view 0 is the digit as drawn, the others augmented */
  readonly own: Float32Array;
  readonly ownLabels: Uint8Array;
  readonly views: number;
  /** [m, F] row-major: the replay pool */
  readonly replay: Float32Array;
  readonly replayLabels: Uint8Array;
}

export interface HeadTrainingSettings {
  readonly steps: number;
  readonly batchSize: number;
  readonly replayPerBatch: number;
  readonly learningRate: number;
  /** weight of sum((w - w_base)^2) over each copy's weights */
  readonly anchor: number;
  readonly labelSmoothing: number;
}

/** The parts trainHeads awaits `afterStep` after: its steps, and the first loss and gradient taken once before them. */
export function trainSteps(steps: number): number {
  return steps === 0 ? 0 : steps + 2;
}

/**
 * Trains `stacked` (copies = trains.length, starting from the base weights `anchors`, in
 * stacked.variables order) with a fresh Adam; `afterStep` is awaited after each step
 * (trainSteps of them).
 */
export async function trainHeads(
  tf: typeof tfjs,
  stacked: StackedHead,
  anchors: readonly tfjs.Tensor[],
  features: TeachingFeatures,
  trains: readonly Uint32Array[],
  settings: HeadTrainingSettings,
  random: Random,
  afterStep: () => Promise<void> | void,
): Promise<void> {
  if (trains.length !== stacked.copies || trains.some((train) => train.length === 0)) throw new Error('every copy of the head needs digits to learn from');
  const n = features.ownLabels.length;
  const copies = stacked.copies;
  const ownRows = settings.batchSize - settings.replayPerBatch;
  const replayRows = features.replayLabels.length === 0 ? 0 : settings.replayPerBatch;
  const rows = ownRows + replayRows;
  const optimizer: tfjs.Optimizer = tf.train.adam(settings.learningRate);
  const { width } = features;
  try {
    for (let step = 0; step < settings.steps; step++) {
      // per copy: its own rows, then its replay rows, as row indices into features.own and features.replay
      const ownPick = Int32Array.from({ length: copies * ownRows }, (_, r) => {
        const train = trains[Math.floor(r / ownRows)] ?? new Uint32Array(1);
        // the augmented views when there are any: the drawn digit itself is what the hold-out reads
        const view = features.views > 1 ? 1 + randomIndex(random, features.views - 1) : 0;
        return view * n + (train[randomIndex(random, train.length)] ?? 0);
      });
      const replayPick = Int32Array.from({ length: copies * replayRows }, () => randomIndex(random, features.replayLabels.length));
      const labels = new Int32Array(copies * rows);
      for (let h = 0; h < copies; h++) {
        for (let r = 0; r < ownRows; r++) labels[h * rows + r] = features.ownLabels[(ownPick[h * ownRows + r] ?? 0) % n] ?? 0;
        for (let r = 0; r < replayRows; r++) labels[h * rows + ownRows + r] = features.replayLabels[replayPick[h * replayRows + r] ?? 0] ?? 0;
      }
      // 'forward' only reads the loss; 'gradient' takes the gradient too; 'step' applies it
      const loss = (take: 'forward' | 'gradient' | 'step'): number => tf.tidy(() => {
        const ownX = tf.reshape(pickRows(tf, features.own, width, ownPick), [copies, ownRows, width]);
        const x = replayRows === 0 ? ownX : tf.concat([ownX, tf.reshape(pickRows(tf, features.replay, width, replayPick), [copies, replayRows, width])], 1);
        const y = tf.tensor1d(labels, 'int32');
        const objective = (): tfjs.Scalar => {
          const out = runStacked(tf, stacked, x as tfjs.Tensor3D, true);
          // each copy's mean over its batch, summed over copies: the loss one copy alone would have
          const fit = tf.mul(crossEntropy(tf, tf.reshape(out, [copies * rows, out.shape[2]]), y, settings.labelSmoothing), copies);
          const pull = tf.addN(stacked.variables.map((variable, v) => tf.sum(tf.square(tf.sub(variable, anchors[v] ?? variable)))));
          return tf.add<tfjs.Scalar>(fit, tf.mul(pull, settings.anchor));
        };
        if (take === 'forward') return objective().dataSync()[0] ?? Number.NaN;
        const { value, grads } = tf.variableGrads(objective, [...stacked.variables]);
        if (take === 'step') optimizer.applyGradients(grads);
        return value.dataSync()[0] ?? Number.NaN;
      });
      if (step === 0) {
        // a fresh page's first step is slow (tfjs's kernels, tape and gradients on first use): its
        // loss, then its gradient, each taken once without being applied, in parts of their own
        loss('forward');
        await afterStep();
        loss('gradient');
        await afterStep();
      }
      const value = loss('step');
      if (!Number.isFinite(value)) throw new Error(`fine-tuning diverged (loss ${value}) at step ${step + 1}: lower the learning rate`);
      await afterStep();
    }
  } finally {
    optimizer.dispose();
  }
}

/**
 * Copy h's output for `rows` of `features` (dropout off), row-major [rows.length, classes]; `shift`
 * [rows.length, classes] is added before the last activation.
 */
export function copyProbabilities(tf: typeof tfjs, stacked: StackedHead, h: number, features: tfjs.Tensor2D, rows?: Uint32Array, shift?: tfjs.Tensor2D): Float32Array {
  return tf.tidy(() => {
    const x = rows === undefined ? features : tf.gather(features, Int32Array.from(rows));
    return runCopy(tf, stacked, h, x, shift).dataSync() as Float32Array;
  });
}
