import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { loadModel, MODEL_JSON } from '../../ml/models/modelFiles.ts';

/** The model the game ships; `MODEL_DIR` overrides it (e.g. to try a candidate model). */
export const SHIPPED_MODEL_DIR = process.env.MODEL_DIR ?? 'assets/models/default';

export async function loadShippedModel(): Promise<tf.LayersModel> {
  if (!existsSync(join(SHIPPED_MODEL_DIR, MODEL_JSON))) {
    throw new Error(`no model at ${SHIPPED_MODEL_DIR}/${MODEL_JSON}: train one (npm run train) or set MODEL_DIR`);
  }
  return loadModel(SHIPPED_MODEL_DIR);
}
