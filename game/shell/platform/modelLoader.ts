import { PIECE_CHANNELS, PIECE_CLASSES } from '../../../common/segmentation/readNumber.ts';
import { Classifier, type Engine } from './classifier.ts';
import type { GameConfig } from '../state/config.ts';
import { chooseModel, fallbackOrder, parseModelIndex, type ModelEntry, type ModelIndex } from '../../../common/modelIndex.ts';

export interface LoadedModel {
  readonly classifier: Classifier;
  readonly entry: ModelEntry;
  /** reasons the requested model is not the one playing */
  readonly problems: readonly string[];
}

export async function fetchModelIndex(indexUrl: string): Promise<ModelIndex> {
  const response = await fetch(indexUrl);
  if (!response.ok) throw new Error(`cannot load ${indexUrl}: HTTP ${response.status}`);
  return parseModelIndex(await response.json());
}

/**
 * Loads the model `?model=` asked for if the index lists it, else the default. If that one fails to
 * load, has the wrong shape or weights that are not numbers, the default and then the other listed
 * models, best first (fallbackOrder), are tried, and
 * `problems` says which failed, why, and which one plays instead. Only one model is fetched when
 * all is well, which keeps start-up fast.
 */
export async function loadModel(
  index: ModelIndex,
  indexUrl: string,
  config: GameConfig,
  engine: Engine,
): Promise<LoadedModel> {
  const choice = chooseModel(index, config.model);
  const problems = choice.problem === null ? [] : [choice.problem];
  const failures: string[] = [];
  const reasons: string[] = [];
  for (const entry of fallbackOrder(index, choice.entry)) {
    try {
      const classifier = await loadEntry(entry, indexUrl, engine);
      if (failures.length > 0) problems.push(`${failures.join('; ')}; playing ${entry.name} instead`);
      return { classifier, entry, problems };
    } catch (error) {
      // with neither the kernel nor a tfjs backend no model can load: that is the one failure to report
      if ((await engine.kernel) === null && (await engine.tfjs().then(() => false, () => true))) throw error;
      failures.push(`model "${entry.name}" could not be used: ${describe(error)}`);
      reasons.push(describe(error));
    }
  }
  // each reason names its file, and so its model
  throw new Error(reasons.join('; '));
}

/** One model the index lists, as listed: no fallback (the Compare mode shows each model's own failure). */
export function loadEntry(entry: ModelEntry, indexUrl: string, engine: Engine): Promise<Classifier> {
  return Classifier.load(modelUrl(entry, indexUrl), engine);
}

/**
 * The Number mode's piece verifier, when the index lists one: per piece, the probability it is not
 * one digit, then one for each digit. Without it numbers are still read, only touching digits are cut less well.
 */
export async function loadPieceVerifier(index: ModelIndex, indexUrl: string, engine: Engine): Promise<Classifier | null> {
  if (index.pieces === null) return null;
  return Classifier.load(new URL(index.pieces, indexUrl).href, engine, PIECE_CLASSES, PIECE_CHANNELS);
}

function modelUrl(entry: ModelEntry, indexUrl: string): string {
  return new URL(entry.path, indexUrl).href;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
