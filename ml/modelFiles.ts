import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { PREPROCESS_VERSION } from '../common/digit.ts';
import { MODEL_NAME } from '../common/modelName.ts';
import { writeFileAtomic } from './mnist.ts';

/**
 * Saving and loading tfjs layers models through plain tf.io handlers, so it works on every backend
 * without tfjs-node. A model directory is replaced whole: written beside the target, then renamed,
 * so a killed run never leaves a half-written model where a good one was.
 */

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';
export const METADATA_JSON = 'metadata.json';
export const INDEX_JSON = 'index.json';

/** Extra files to put in the directory beside the model, e.g. metadata.json. */
export type ExtraFiles = Readonly<Record<string, Uint8Array | string>>;

export async function saveModel(model: tf.LayersModel, dir: string, extra: ExtraFiles = {}): Promise<void> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts?.weightSpecs || !artifacts.weightData) throw new Error('model.save produced no weights');
  const modelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version['tfjs-layers']}`,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs }],
  };
  await replaceDirectory(dir, {
    [MODEL_JSON]: JSON.stringify(modelJson),
    [WEIGHTS_BIN]: new Uint8Array(joinWeightData(artifacts.weightData)),
    ...extra,
  });
}

export async function loadModel(dir: string): Promise<tf.LayersModel> {
  const path = join(dir, MODEL_JSON);
  let json: { modelTopology?: object; weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  try {
    json = JSON.parse(await readFile(path, 'utf8')) as typeof json;
  } catch (error) {
    throw new Error(`cannot read model ${path}: ${(error as Error).message}`);
  }
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) throw new Error(`${path} is not a tfjs layers model`);
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const file of group.paths) {
      if (basename(file) !== file) throw new Error(`${path}: weight path ${file} leaves the model directory`);
      const bytes = await readFile(join(dir, file));
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    }
  }
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: joinWeightData(buffers) }));
}

/** Bytes of a model's weights as saved (float32). */
export function weightBytes(model: tf.LayersModel): number {
  return model.getWeights().reduce((sum, w) => sum + w.size * 4, 0);
}

/** What every metadata.json records about how its model was made, beside the model's own figures. */
export function provenance(backend: string): { backend: string; preprocessVersion: number; tfjsVersion: string; date: string } {
  return { backend, preprocessVersion: PREPROCESS_VERSION, tfjsVersion: tf.version.tfjs, date: new Date().toISOString() };
}

/** Named tensors (optimizer state, averaged weights) as one binary blob plus its JSON specs. */
export async function encodeTensors(tensors: tf.NamedTensorMap): Promise<{ specs: tf.io.WeightsManifestEntry[]; data: Uint8Array }> {
  const encoded = await tf.io.encodeWeights(tensors);
  return { specs: encoded.specs, data: new Uint8Array(joinWeightData(encoded.data)) };
}

export function decodeTensors(data: Uint8Array, specs: tf.io.WeightsManifestEntry[]): tf.NamedTensorMap {
  return tf.io.decodeWeights(new Uint8Array(data).buffer, specs);
}

function joinWeightData(data: ArrayBuffer | ArrayBuffer[]): ArrayBuffer {
  return Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
}

/** Writes `files` into a fresh sibling directory and swaps it in for `dir`. */
export async function replaceDirectory(dir: string, files: ExtraFiles): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const temp = join(parent, `.${basename(dir)}.tmp-${stamp}`);
  const old = join(parent, `.${basename(dir)}.old-${stamp}`);
  try {
    await mkdir(temp);
    for (const [name, content] of Object.entries(files)) await writeFile(join(temp, name), content);
    if (existsSync(dir)) await rename(dir, old);
    await rename(temp, dir);
  } catch (error) {
    if (!existsSync(dir) && existsSync(old)) await rename(old, dir);
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}

export interface ModelIndexEntry {
  readonly name: string;
  readonly path: string;
  readonly arch: string;
  readonly testAccuracy: number | null;
  readonly parameters: number;
  readonly weightBytes: number;
  readonly description: string;
}

export interface ModelIndex {
  readonly default: string;
  readonly models: ModelIndexEntry[];
  /** the piece verifier the Number mode uses (metadata role "piece-verifier"), if one is there */
  readonly pieces: string | null;
}

/** metadata.json's "role" of a piece verifier (ml/pieces.ts): not a digit model, never offered as one. */
export const PIECE_ROLE = 'piece-verifier';

/** Rebuilds `<modelsDir>/index.json` from the metadata.json of every model directory in it. */
export async function writeModelIndex(modelsDir: string, defaultName = 'default'): Promise<ModelIndex> {
  const models: ModelIndexEntry[] = [];
  let pieces: string | null = null;
  for (const entry of (await readdir(modelsDir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || !MODEL_NAME.test(entry.name)) continue;
    const metadataPath = join(modelsDir, entry.name, METADATA_JSON);
    if (!existsSync(metadataPath) || !existsSync(join(modelsDir, entry.name, MODEL_JSON))) continue;
    const metadata = JSON.parse(await readFile(metadataPath, 'utf8')) as Partial<Record<string, unknown>>;
    if (metadata['role'] === PIECE_ROLE) {
      pieces = `${entry.name}/${MODEL_JSON}`;
      continue;
    }
    models.push({
      name: entry.name,
      path: `${entry.name}/${MODEL_JSON}`,
      arch: String(metadata['arch'] ?? 'unknown'),
      testAccuracy: typeof metadata['testAccuracy'] === 'number' ? metadata['testAccuracy'] : null,
      parameters: Number(metadata['parameters'] ?? 0),
      weightBytes: Number(metadata['weightBytes'] ?? 0),
      description: String(metadata['description'] ?? ''),
    });
  }
  const index: ModelIndex = { default: models.some((m) => m.name === defaultName) ? defaultName : (models[0]?.name ?? defaultName), models, pieces };
  await writeFileAtomic(join(modelsDir, INDEX_JSON), `${JSON.stringify(index, null, 2)}\n`);
  return index;
}
