import * as tf from '@tensorflow/tfjs';
import { epochOrder, type LabelledImages } from '../data/labelledImages.ts';
import type { Recipe } from '../models/architectures.ts';
import { predictLabels } from '../models/predict.ts';
import { yieldToSignals } from '../process/interrupt.ts';
import { advance, atEpochEnd, epochsDone, nextEpoch, settled, startPosition } from './position.ts';
import { TrainingRun } from './run.ts';
import type { TrainOptions, TrainResult } from './trainContract.ts';
import { addBatch, EMPTY_TALLY } from './trainTally.ts';

/**
 * The one training loop: whole-dataset tensors, a shuffled index per epoch, augmentation per batch,
 * Adam with the recipe's learning-rate schedule and label smoothing, an exponential moving average of
 * the weights, validation at a fixed cadence, and a state that can be saved and resumed. Each step
 * reads top to bottom: stop? -> learning rate -> step -> record -> evaluate? -> yield; each epoch ends
 * with a checkpoint. What the run holds across steps (optimiser, average, workers, best weights) is
 * in run.ts; the loop carries only its position and the training tally, as values.
 */

export async function train(model: tf.LayersModel, options: TrainOptions): Promise<TrainResult> {
  const done = options.resume?.finished;
  if (options.resume && done) {
    tf.dispose([...options.resume.averageWeights, ...options.resume.optimizerWeights.map((w) => w.tensor)]);
    return { state: options.resume.state, stopped: done.stopped, selected: done.selected };
  }
  const { recipe } = options;
  const count = options.train.labels.length;
  const stepsPerEpoch = Math.ceil(count / recipe.batchSize);
  const evaluateSteps = Math.max(1, Math.round(stepsPerEpoch * (options.evaluateEvery ?? 1)));
  let position = startPosition(options.resume?.state, stepsPerEpoch);
  let tally = EMPTY_TALLY;
  const run = await TrainingRun.start(model, options, position);
  try {
    while (position.epoch < recipe.epochs) {
      // The order depends only on (seed, epoch), so a resumed epoch sees the same batches.
      const order = epochOrder(count, options.seed, position.epoch);
      while (!atEpochEnd(position)) {
        if (options.shouldStop?.()) return await run.interrupt(position);
        const learningRate = learningRateAt(recipe, epochsDone(position));
        const batch = order.subarray(position.step * recipe.batchSize, (position.step + 1) * recipe.batchSize);
        const { loss, correct } = await run.step(batch, learningRate);
        position = advance(position);
        tally = addBatch(tally, loss, correct, batch.length);
        options.onStep?.({ epoch: position.epoch, step: position.step, stepsPerEpoch, loss, accuracy: correct / batch.length, learningRate });
        if (position.step % evaluateSteps === 0 || atEpochEnd(position)) {
          const point = await run.evaluate(position, tally);
          tally = EMPTY_TALLY;
          if (options.targetAccuracy !== undefined && point.validationAccuracy >= options.targetAccuracy) {
            return await run.finish(settled(position), 'target');
          }
        }
        // Signal handlers and output only run when the event loop gets a turn: one per step lets
        // Ctrl-C stop the loop at the next step. A turn costs microseconds, a step milliseconds.
        await yieldToSignals();
      }
      position = nextEpoch(position);
      // After the last epoch the checkpoint that finish() saves is the one a resume needs.
      if (position.epoch < recipe.epochs) await run.checkpoint(position);
    }
    return await run.finish(position, 'finished');
  } finally {
    await run.dispose();
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
