import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { NUM_CLASSES, PREPROCESS_VERSION } from '../../common/digit.ts';
import { DIGIT_OUTPUTS } from '../../common/reading.ts';
import { recoverDirectory, replaceDirectory, type SwapOptions } from '../data/directorySwap.ts';

/**
 * Saving and loading tfjs layers models through plain tf.io handlers, so it works on every backend
 * without tfjs-node. A model directory is replaced whole (ml/data/directorySwap.ts), so a killed run never
 * leaves a half-written model where a good one was; what to save where is ml/cli/modelOutput.ts's job.
 */

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';
export const METADATA_JSON = 'metadata.json';
export const INDEX_JSON = 'index.json';

/** Extra files to put in the directory beside the model, e.g. metadata.json. */
export type ExtraFiles = Readonly<Record<string, Uint8Array | string>>;

export async function saveModel(model: tf.LayersModel, dir: string, extra: ExtraFiles = {}, options: SwapOptions = {}): Promise<void> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler((saved) => {
      artifacts = saved;
      return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
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
  }, options);
}

export async function loadModel(dir: string): Promise<tf.LayersModel> {
  for (const line of await recoverDirectory(dir)) console.warn(`warning: ${line}`);
  const path = join(dir, MODEL_JSON);
  let json: { modelTopology?: object; weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  try {
    json = JSON.parse(await readFile(path, 'utf8')) as typeof json;
  } catch (error) {
    throw new Error(`cannot read model ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) throw new Error(`${path} is not a tfjs layers model`);
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  const files: string[] = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const file of group.paths) {
      if (basename(file) !== file) throw new Error(`${path}: weight path ${file} leaves the model directory`);
      const weightsPath = join(dir, file);
      if (!existsSync(weightsPath)) throw new Error(`${weightsPath} is missing (${path} lists it)`);
      const bytes = await readFile(weightsPath);
      files.push(weightsPath);
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    }
  }
  const data = joinWeightData(buffers);
  const expected = specs.reduce((sum, spec) => sum + spec.shape.reduce((n, d) => n * d, 1) * bytesPerValue(spec), 0);
  if (data.byteLength !== expected) {
    const what = data.byteLength < expected ? 'truncated' : 'followed by bytes no weight uses';
    throw new Error(`${files.join(' + ')}: ${data.byteLength} bytes where ${path} needs ${expected}: the weights are ${what}`);
  }
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: data }));
}

/** Refuses a model whose output is not `classes` probabilities per image, naming its directory. */
export function checkClassCount(model: tf.LayersModel, dir: string, classes: number): void {
  const shape = model.outputs[0]?.shape ?? [];
  const outputs = shape.at(-1);
  if (model.outputs.length !== 1 || shape.length !== 2 || outputs !== classes) {
    throw new Error(`${dir} is not a digit model: its output is ${JSON.stringify(shape)} per batch, a digit model gives ${classes} class probabilities per image`);
  }
}

/** Refuses a model that is not a digit model: NUM_CLASSES outputs, or one more for "not a digit" (common/reading.ts). */
export function checkDigitModel(model: tf.LayersModel, dir: string): void {
  const outputs = model.outputs[0]?.shape.at(-1);
  checkClassCount(model, dir, outputs !== undefined && outputs !== null && DIGIT_OUTPUTS.includes(outputs) ? outputs : NUM_CLASSES);
}

function bytesPerValue(spec: tf.io.WeightsManifestEntry): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  if (dtype === 'float32' || dtype === 'int32') return 4;
  if (dtype === 'uint16' || dtype === 'float16') return 2;
  if (dtype === 'uint8' || dtype === 'bool') return 1;
  throw new Error(`weights of dtype ${dtype} are not supported`);
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
  return Array.isArray(data) ? tf.io.CompositeArrayBuffer.join(data) : data;
}
