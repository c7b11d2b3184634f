import type * as tf from '@tensorflow/tfjs-core';
import { readWeightsManifest, weightBytesProblem } from '../../../common/weightsManifest.ts';

/** A model file that cannot be used; the message names the file and what is wrong with it. */
export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

/**
 * Downloads a tfjs layers model (model.json and the weight files its manifest lists) and checks
 * that each weight group's files hold exactly the bytes the manifest describes, before tfjs sees
 * any of it. Every failure names the file as the site serves it, e.g. "models/default/weights.bin".
 */
export async function fetchModelArtifacts(modelUrl: string): Promise<tf.io.ModelArtifacts> {
  const modelName = siteName(modelUrl);
  const json = await fetchOk(modelUrl).then(async (response) => {
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ModelFileError(`${modelName} is not valid JSON (${text.length === 0 ? 'empty' : `${text.length} characters, cut off or garbled`})`);
    }
  });
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ModelFileError(`${modelName} is not a JSON object`);
  const model = json as Record<string, unknown>;
  const topology = model.modelTopology;
  if (typeof topology !== 'object' || topology === null) throw new ModelFileError(`${modelName} has no "modelTopology"`);
  let groups;
  try {
    groups = readWeightsManifest(model.weightsManifest);
  } catch (error) {
    throw new ModelFileError(`${modelName}: ${error instanceof Error ? error.message : String(error)}`);
  }

  // groups in parallel, files within a group in order: together they are the weights back to back
  const buffers = await Promise.all(groups.map(async ({ group, bytes }) => {
    const files = await Promise.all(group.paths.map(async (path) => {
      const url = new URL(path, modelUrl).href;
      return { name: siteName(url), body: new Uint8Array(await (await fetchOk(url)).arrayBuffer()) };
    }));
    const actual = files.reduce((sum, file) => sum + file.body.byteLength, 0);
    const problem = weightBytesProblem(actual, bytes);
    if (problem !== null) throw new ModelFileError(`${files.map((file) => file.name).join(' + ')} ${problem}`);
    return files.map((file) => file.body);
  }));
  const parts = buffers.flat();
  const weightData = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    weightData.set(part, offset);
    offset += part.byteLength;
  }
  return {
    modelTopology: topology,
    weightSpecs: groups.flatMap(({ group }) => group.weights) as tf.io.WeightsManifestEntry[],
    weightData: weightData.buffer,
    ...(typeof model.format === 'string' ? { format: model.format } : {}),
  };
}

/** The path below the site root, which is how the README and the models folder name files. */
export function siteName(url: string): string {
  return new URL(url).pathname.replace(/^\//, '');
}

async function fetchOk(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new ModelFileError(`${siteName(url)} could not be fetched (${error instanceof Error ? error.message : String(error)})`);
  }
  if (response.status === 404) throw new ModelFileError(`${siteName(url)} is missing (HTTP 404)`);
  if (!response.ok) throw new ModelFileError(`${siteName(url)} could not be loaded (HTTP ${response.status})`);
  return response;
}
