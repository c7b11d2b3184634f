import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { DEFAULT_REJECT_THRESHOLD, hasRejection, readOutputs, rejectThresholdIn, type Reading } from '../../common/reading.ts';
import { METADATA_JSON } from './modelFiles.ts';
import { predictProbabilities } from './predict.ts';

/**
 * How a model's answers are read (common/reading.ts) in Node: its output count says whether it
 * can answer "not a digit", and its metadata.json's `rejection.threshold` from how sure it must be.
 */
export interface ModelReader {
  readonly outputs: number;
  /** null for a model that only names digits */
  readonly threshold: number | null;
  read(images: tf.Tensor4D): Reading[];
}

export async function modelReader(model: tf.LayersModel, dir: string): Promise<ModelReader> {
  const outputs = model.outputs[0]?.shape.at(-1) ?? 0;
  return readerAt(model, hasRejection(outputs) ? await rejectThresholdOf(dir) : null);
}

/** A reader with the threshold given (null: a model that only names digits). */
export function readerAt(model: tf.LayersModel, threshold: number | null): ModelReader {
  const outputs = model.outputs[0]?.shape.at(-1) ?? 0;
  return {
    outputs,
    threshold,
    read(images) {
      const probabilities = predictProbabilities(model, images);
      const rows: Reading[] = [];
      for (let i = 0; i < images.shape[0]; i++) rows.push(readOutputs(probabilities.subarray(i * outputs, (i + 1) * outputs), threshold ?? undefined));
      return rows;
    },
  };
}

/** metadata.json's rejection threshold, or the default when the file or the field is missing or not a number in (0, 1]. */
export async function rejectThresholdOf(dir: string): Promise<number> {
  const path = join(dir, METADATA_JSON);
  if (!existsSync(path)) return DEFAULT_REJECT_THRESHOLD;
  try {
    return rejectThresholdIn(JSON.parse(await readFile(path, 'utf8'))) ?? DEFAULT_REJECT_THRESHOLD;
  } catch {
    return DEFAULT_REJECT_THRESHOLD;
  }
}
