import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { parseModelIndex, type ModelEntry, type ModelIndex } from '../../common/modelIndex.ts';
import { MODEL_NAME } from '../../common/modelName.ts';
import { rejectThresholdIn } from '../../common/reading.ts';
import { UsageError } from '../process/options.ts';
import { DirectoryTakenError, recoverDirectory, type SwapOptions } from '../data/directorySwap.ts';
import { writeFileAtomic } from '../data/files.ts';
import { probeWritable } from '../data/writeCheck.ts';
import { checkFiniteWeights } from '../models/finiteWeights.ts';
import { INDEX_JSON, METADATA_JSON, MODEL_JSON, WEIGHTS_BIN, saveModel } from '../models/modelFiles.ts';

/**
 * Where a model writer (train, train-pieces, ensemble, calibrate) may put its model, and the save
 * itself: `checkModelOutput` runs before any work and refuses every --out whose replacement could
 * lose something; `writeModelOutput` saves the model with its metadata.json and rebuilds the
 * index.json beside it.
 */

/** A model directory holds these files and nothing else; anything more is someone's work. */
const MODEL_FILES: readonly string[] = [MODEL_JSON, WEIGHTS_BIN, METADATA_JSON];

/** metadata.json's "role" of a piece verifier (ml/numbers/pieces.ts): not a digit model, never offered as one. */
export const PIECE_ROLE = 'piece-verifier';

export class OutputError extends Error {
  override name = 'OutputError';
}

export interface OutputPlan {
  readonly out: string;
  /** the flag that gave `out`, for messages */
  readonly flag: string;
  /** an existing model is there and will be replaced (kept as a backup until the new one is in place) */
  readonly replaces: boolean;
  /** the folder holds an index.json to rebuild after saving */
  readonly updatesIndex: boolean;
}

export interface OutputOptions {
  /** the flag the user gave the path with, for messages: '--out', '--model' */
  readonly flag: string;
  /** replacing an existing model is allowed (--force, or calibrate's whole job) */
  readonly force: boolean;
}

export async function checkModelOutput(out: string, { flag, force }: OutputOptions): Promise<OutputPlan> {
  if (!MODEL_NAME.test(basename(out))) throw new UsageError(`${flag} must end in a model name matching ${MODEL_NAME}, got '${out}'`);
  for (const line of await recoverDirectory(out)) console.warn(`warning: ${line}`);
  const updatesIndex = existsSync(join(dirname(out), INDEX_JSON));
  if (!existsSync(out)) {
    await checkWritable(out, flag, dirname(out));
    return { out, flag, replaces: false, updatesIndex };
  }
  if (!statSync(out).isDirectory()) throw new OutputError(`${flag} ${out} is a file, not a model directory; nothing was touched: choose another ${flag}`);
  const entries = await readdir(out, { withFileTypes: true });
  if (entries.some((e) => e.name === INDEX_JSON || (e.isDirectory() && existsSync(join(out, e.name, MODEL_JSON))))) {
    throw new OutputError(`${flag} ${out} is a folder of models, not one model; nothing was touched: give ${flag} ${join(out, 'NAME')} for a model in it`);
  }
  await checkWritable(out, flag, dirname(out));
  if (entries.length === 0) return { out, flag, replaces: false, updatesIndex };
  const foreign = entries.filter((e) => !e.isFile() || !MODEL_FILES.includes(e.name)).map((e) => e.name);
  const names = entries.map((e) => e.name);
  if (foreign.length > 0 || !names.includes(MODEL_JSON) || !names.includes(METADATA_JSON)) {
    const why = foreign.length > 0 ? `it holds ${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}` : `it has no ${MODEL_JSON} and ${METADATA_JSON}`;
    throw new OutputError(`${flag} ${out} is not a model directory (${why}); nothing was touched: choose another ${flag}`);
  }
  if (!force) {
    throw new OutputError(
      `${flag} ${out} already holds a model; nothing was touched. Give a new name (${flag} ${join(dirname(out), 'NAME')}) or add --force to replace it (the old one is kept until the new one is saved)`,
    );
  }
  return { out, flag, replaces: true, updatesIndex };
}

/**
 * Refuses a directory that cannot be created or written, naming the path the user gave. `within`
 * is where the writing happens: a model is replaced by renames in its parent folder.
 */
export async function checkWritable(path: string, flag: string, within = path): Promise<void> {
  let dir = resolve(within);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  if (!statSync(dir).isDirectory()) throw new OutputError(`cannot write ${flag} ${path}: ${dir} is a file, not a folder`);
  try {
    await probeWritable(dir);
  } catch (error) {
    throw new OutputError(`cannot write ${flag} ${path}: ${dir} is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export interface WriteOptions extends SwapOptions {
  readonly log?: (line: string) => void;
}

/**
 * Saves `model` and its metadata at plan.out, then rebuilds the index beside it if there is one; a
 * model with a weight that is not a finite number is refused before anything is written. A
 * plan that replaces nothing stays so to the end: if another run saved at plan.out meanwhile, this
 * one fails and leaves that model in place (the check at start cannot see a run that starts later).
 */
export async function writeModelOutput(plan: OutputPlan, model: tf.LayersModel, metadata: Readonly<Record<string, unknown>>, options: WriteOptions = {}): Promise<void> {
  checkFiniteWeights(model, `the model for ${plan.flag} ${plan.out} (not saved)`);
  try {
    await saveModel(model, plan.out, { [METADATA_JSON]: `${JSON.stringify(metadata, null, 2)}\n` }, { ...options, replace: plan.replaces });
  } catch (error) {
    if (!(error instanceof DirectoryTakenError)) throw error;
    throw new OutputError(`${plan.flag} ${plan.out} was saved by another run while this one worked; it was left as that run wrote it and this model was not saved: run again with another ${plan.flag}, or add --force to replace it`);
  }
  if (plan.updatesIndex) await writeModelIndex(dirname(plan.out), options.log);
}

/** A model directory's metadata.json as an object; errors name the file. */
export async function readMetadata(dir: string): Promise<Record<string, unknown>> {
  const path = join(dir, METADATA_JSON);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new OutputError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new OutputError(`${path} is not a JSON object`);
  return json as Record<string, unknown>;
}

/**
 * Rebuilds `<modelsDir>/index.json` from the metadata.json of every model directory in it. A model
 * whose metadata.json cannot be read is left out with a warning naming the file: the model just
 * saved is already in place, and one bad sibling must not stop the others being listed.
 */
export async function writeModelIndex(modelsDir: string, log: (line: string) => void = console.warn, defaultName = 'default'): Promise<ModelIndex> {
  const models: ModelEntry[] = [];
  let pieces: string | null = null;
  for (const entry of (await readdir(modelsDir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || !MODEL_NAME.test(entry.name)) continue;
    const metadataPath = join(modelsDir, entry.name, METADATA_JSON);
    if (!existsSync(metadataPath) || !existsSync(join(modelsDir, entry.name, MODEL_JSON))) continue;
    let fields: Partial<Record<string, unknown>>;
    try {
      fields = await readMetadata(join(modelsDir, entry.name));
    } catch (error) {
      log(`warning: ${entry.name} left out of ${join(modelsDir, INDEX_JSON)}: ${(error as Error).message}`);
      continue;
    }
    if (fields.role === PIECE_ROLE) {
      pieces = `${entry.name}/${MODEL_JSON}`;
      continue;
    }
    const accuracy = fields.testAccuracy;
    models.push({
      name: entry.name,
      path: `${entry.name}/${MODEL_JSON}`,
      arch: typeof fields.arch === 'string' ? fields.arch : 'unknown',
      testAccuracy: typeof accuracy === 'number' && accuracy >= 0 && accuracy <= 1 ? accuracy : null,
      parameters: Number(fields.parameters ?? 0),
      weightBytes: Number(fields.weightBytes ?? 0),
      description: typeof fields.description === 'string' ? fields.description : '',
      rejectThreshold: rejectThresholdIn(fields),
    });
  }
  const index: ModelIndex = { default: models.some((m) => m.name === defaultName) ? defaultName : (models[0]?.name ?? defaultName), models, pieces };
  // what the game will read back: written only if the one parser accepts it
  if (models.length > 0) parseModelIndex(index);
  await writeFileAtomic(join(modelsDir, INDEX_JSON), `${JSON.stringify(index, null, 2)}\n`);
  return index;
}
