import type * as tf from '@tensorflow/tfjs';
import type { LabelledImages } from '../data/labelledImages.ts';
import type { PenSample } from '../data/pen.ts';
import { score } from './metrics.ts';
import { evaluatePenDigits } from './penEval.ts';
import { predictDigits } from '../models/predict.ts';
import type { ModelReader } from '../models/modelReading.ts';

/**
 * How far a model's accuracy may move when its weights are stored in fewer bytes: 0.05 percentage
 * point, five of MNIST's 10 000 test images. The shipped-models test holds the committed files to it.
 */
export const QUANTISED_TOLERANCE = 0.0005;

/** Digits of real pen writers: how many, and how many read right and not turned away. */
export interface PenDigitScore {
  readonly n: number;
  readonly correct: number;
}

export function mnistAccuracy(model: tf.LayersModel, data: LabelledImages): number {
  return score(predictDigits(model, data.images), data.labels).accuracy;
}

export function penDigitScore(reader: ModelReader, digits: readonly PenSample[]): PenDigitScore {
  const { n, correct } = evaluatePenDigits(reader, digits);
  return { n, correct };
}

/** null when `after` is within QUANTISED_TOLERANCE of `before`, else a sentence saying by how much it moved. */
export function driftProblem(what: string, before: number, after: number): string | null {
  if (Math.abs(after - before) <= QUANTISED_TOLERANCE) return null;
  const points = (v: number) => (v * 100).toFixed(2);
  return `${what} moved from ${points(before)} % to ${points(after)} %, more than ${points(QUANTISED_TOLERANCE)} point`;
}
