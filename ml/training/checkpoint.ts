import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ArchName, Recipe } from '../models/architectures.ts';
import { decodeTensors, encodeTensors, loadModel, saveModel } from '../models/modelFiles.ts';
import { UsageError } from '../process/options.ts';
import type { Checkpoint, FinishedRun, ResumePoint, TrainState } from './trainContract.ts';

/**
 * A resumable training run on disk: the model, the optimizer's moments, the averaged weights and the
 * loop's position, written as one directory that replaces the previous checkpoint atomically.
 */

const STATE_JSON = 'state.json';
const OPTIMIZER_BIN = 'optimizer.bin';
const AVERAGE_BIN = 'average.bin';

/** What a run was started with: a resumed run takes it from its checkpoint, not from the flags. */
export type RunIdentity = DigitRun | PieceRun;

/** `npm run train` */
export interface DigitRun {
  readonly arch: ArchName;
  readonly recipe: Recipe;
  readonly seed: number;
  readonly limit: number | null;
  /** trained on real pen data too, with the "not a digit" output (absent in older checkpoints) */
  readonly pen?: boolean;
  /** distorted drawings of each training writer's pen digit (absent: the mix's default) */
  readonly penCopies?: number;
  /** the pen paths' bend (absent: none) */
  readonly penWarp?: number;
  /** the model it started from (--init) */
  readonly init?: string | null;
}

/** `npm run train-pieces`: its pieces are cut again from `numbers` synthetic numbers of `seed` */
export interface PieceRun {
  readonly arch: 'pieces';
  readonly recipe: Recipe;
  readonly seed: number;
  readonly numbers: number;
}

/** Checkpoints written before recipes named their warm-up have none: they warmed up over 15 % of the run. */
type SavedRecipe = Recipe | Omit<Recipe, 'warmupEpochs'>;

type StateFile = (Omit<DigitRun, 'recipe'> | Omit<PieceRun, 'recipe'>) & {
  readonly recipe: SavedRecipe;
  readonly state: TrainState;
  readonly optimizerSpecs: tf.io.WeightsManifestEntry[];
  readonly averageSpecs: tf.io.WeightsManifestEntry[];
  readonly optimizerNames: string[];
  /** written once the loop had ended (absent before, and in older checkpoints) */
  readonly finished?: FinishedRun;
};

export function checkpointDir(outDir: string): string {
  return `${outDir}.checkpoint`;
}

export async function saveCheckpoint(dir: string, model: tf.LayersModel, run: RunIdentity, checkpoint: Checkpoint): Promise<void> {
  const optimizerMap: tf.NamedTensorMap = {};
  const optimizerNames = checkpoint.optimizerWeights.map((w, i) => {
    const key = `o${i}`;
    optimizerMap[key] = w.tensor;
    return w.name;
  });
  const averageMap: tf.NamedTensorMap = {};
  checkpoint.averageWeights.forEach((t, i) => (averageMap[`a${i}`] = t));
  const optimizer = await encodeTensors(optimizerMap);
  const average = await encodeTensors(averageMap);
  const state: StateFile = {
    ...run,
    state: checkpoint.state,
    optimizerSpecs: optimizer.specs,
    averageSpecs: average.specs,
    optimizerNames,
    ...(checkpoint.finished ? { finished: checkpoint.finished } : {}),
  };
  await saveModel(model, dir, {
    [STATE_JSON]: JSON.stringify(state, null, 2),
    [OPTIMIZER_BIN]: optimizer.data,
    [AVERAGE_BIN]: average.data,
  });
}

export interface LoadedCheckpoint {
  readonly model: tf.LayersModel;
  readonly run: RunIdentity;
  readonly resume: ResumePoint;
}

export async function loadCheckpoint(dir: string): Promise<LoadedCheckpoint> {
  const statePath = join(dir, STATE_JSON);
  if (!existsSync(statePath)) throw new Error(`no checkpoint to resume at ${dir}`);
  const file = parseStateFile(await readFile(statePath, 'utf8'), statePath);
  const model = await loadModel(dir);
  const optimizerTensors = await readTensors(join(dir, OPTIMIZER_BIN), file.optimizerSpecs);
  const averageTensors = await readTensors(join(dir, AVERAGE_BIN), file.averageSpecs);
  const optimizerWeights = file.optimizerNames.map((name, i) => {
    const tensor = optimizerTensors[`o${i}`];
    if (!tensor) throw new Error(`${dir}: optimizer state ${i} is missing`);
    return { name, tensor };
  });
  const averageWeights = file.averageSpecs.map((_, i) => {
    const tensor = averageTensors[`a${i}`];
    if (!tensor) throw new Error(`${dir}: averaged weight ${i} is missing`);
    return tensor;
  });
  const recipe = withWarmup(file.recipe);
  return {
    model,
    run:
      file.arch === 'pieces'
        ? { arch: file.arch, recipe, seed: file.seed, numbers: file.numbers }
        : { arch: file.arch, recipe, seed: file.seed, limit: file.limit, ...(file.pen === true ? { pen: true } : {}), ...(typeof file.init === 'string' ? { init: file.init } : {}) },
    resume: { state: file.state, optimizerWeights, averageWeights, ...(file.finished ? { finished: file.finished } : {}) },
  };
}

async function readTensors(path: string, specs: tf.io.WeightsManifestEntry[]): Promise<tf.NamedTensorMap> {
  try {
    return decodeTensors(await readFile(path), specs);
  } catch (error) {
    throw new Error(`cannot read ${path} of the checkpoint: ${(error as Error).message}`, { cause: error });
  }
}

function parseStateFile(text: string, path: string): StateFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON (${(error as Error).message}): the checkpoint is damaged; delete ${dirname(path)} to start the run again`, { cause: error });
  }
  const missing = ['arch', 'recipe', 'seed', 'state', 'optimizerSpecs', 'averageSpecs', 'optimizerNames'].filter(
    (key) => typeof json !== 'object' || json === null || !(key in json),
  );
  if (missing.length > 0) throw new Error(`${path} is not a training checkpoint: it lacks ${missing.join(', ')}`);
  return json as StateFile;
}

/**
 * A resumed run is the run in its checkpoint: a flag given with --resume must agree with it.
 * `given` maps each run flag the user typed to its value; `saved` holds the checkpoint's.
 */
export function checkResumeFlags(dir: string, given: Readonly<Record<string, string | number | undefined>>, saved: Readonly<Record<string, string | number | null>>): void {
  const conflicts = Object.entries(given).flatMap(([flag, value]) => {
    if (value === undefined || value === saved[flag]) return [];
    return [`--${flag} ${value} (the checkpoint's run has ${saved[flag] ?? 'none'})`];
  });
  if (conflicts.length > 0) {
    throw new UsageError(`--resume continues the run saved in ${dir}, and ${conflicts.join(', ')} contradict${conflicts.length === 1 ? 's' : ''} it: leave ${conflicts.length === 1 ? 'that flag' : 'those flags'} out, or start a new run without --resume`);
  }
}

function withWarmup(recipe: SavedRecipe): Recipe {
  return 'warmupEpochs' in recipe ? recipe : { ...recipe, warmupEpochs: 0.15 * recipe.epochs };
}
