import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ArchName, Recipe } from './model.ts';
import { decodeTensors, encodeTensors, loadModel, saveModel } from './modelFiles.ts';
import type { Checkpoint, ResumePoint, TrainState } from './training.ts';

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
  const state: StateFile = { ...run, state: checkpoint.state, optimizerSpecs: optimizer.specs, averageSpecs: average.specs, optimizerNames };
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
  if (!existsSync(join(dir, STATE_JSON))) throw new Error(`no checkpoint to resume at ${dir}`);
  const file = JSON.parse(await readFile(join(dir, STATE_JSON), 'utf8')) as StateFile;
  const model = await loadModel(dir);
  const optimizerTensors = decodeTensors(await readFile(join(dir, OPTIMIZER_BIN)), file.optimizerSpecs);
  const averageTensors = decodeTensors(await readFile(join(dir, AVERAGE_BIN)), file.averageSpecs);
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
        : { arch: file.arch, recipe, seed: file.seed, limit: file.limit },
    resume: { state: file.state, optimizerWeights, averageWeights },
  };
}

function withWarmup(recipe: SavedRecipe): Recipe {
  return 'warmupEpochs' in recipe ? recipe : { ...recipe, warmupEpochs: 0.15 * recipe.epochs };
}
