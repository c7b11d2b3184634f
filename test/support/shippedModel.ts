import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { readWeightsManifest } from '../../common/weightsManifest.ts';
import { loadModel, MODEL_JSON } from '../../ml/models/modelFiles.ts';

/** The model the game ships; `MODEL_DIR` overrides it (e.g. to try a candidate model). */
export const SHIPPED_MODEL_DIR = process.env.MODEL_DIR ?? 'assets/models/default';

export async function loadShippedModel(): Promise<tf.LayersModel> {
  if (!existsSync(join(SHIPPED_MODEL_DIR, MODEL_JSON))) {
    throw new Error(`no model at ${SHIPPED_MODEL_DIR}/${MODEL_JSON}: train one (npm run train) or set MODEL_DIR`);
  }
  return loadModel(SHIPPED_MODEL_DIR);
}

/** A model folder's files as the game's fetchModelArtifacts gives them. */
export async function artifactsOf(dir: string): Promise<tf.io.ModelArtifacts> {
  const json = JSON.parse(await readFile(`${dir}/model.json`, 'utf8')) as { modelTopology: object; weightsManifest: unknown };
  const groups = readWeightsManifest(json.weightsManifest);
  const parts = await Promise.all(groups.flatMap(({ group }) => group.paths.map((path) => readFile(`${dir}/${path}`))));
  const weightData = new Uint8Array(Buffer.concat(parts)).buffer;
  return { modelTopology: json.modelTopology, weightSpecs: groups.flatMap(({ group }) => group.weights) as tf.io.WeightsManifestEntry[], weightData };
}

/** The first layer of `className` in the artifacts' topology, to change in place (a model the runners must refuse). */
export function firstLayer(artifacts: tf.io.ModelArtifacts, className: string): { class_name: string; config: Record<string, unknown> } {
  const topology = artifacts.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
  const layer = topology.config.layers.find((candidate) => candidate.class_name === className);
  if (layer === undefined) throw new Error(`the model has no ${className}`);
  return layer;
}
