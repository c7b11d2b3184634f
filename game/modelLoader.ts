import { PIECE_CHANNELS, PIECE_CLASSES } from '../common/readNumber.ts';
import { Classifier } from './classifier.ts';
import type { GameConfig } from './config.ts';
import { chooseModel, defaultModel, parseModelIndex, type ModelEntry, type ModelIndex } from '../common/modelIndex.ts';

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
 * Loads the model `?model=` asked for if the index lists it; if it is unknown, fails to load or
 * has the wrong shape, loads the default instead and says why. Only one model is fetched when all
 * is well, which keeps start-up fast.
 */
export async function loadModel(
  index: ModelIndex,
  indexUrl: string,
  config: GameConfig,
  backendReady: Promise<unknown>,
): Promise<LoadedModel> {
  const choice = chooseModel(index, config.model);
  const problems = choice.problem === null ? [] : [choice.problem];
  try {
    return { classifier: await Classifier.load(modelUrl(choice.entry, indexUrl), backendReady), entry: choice.entry, problems };
  } catch (error) {
    const fallback = defaultModel(index);
    if (choice.entry.name === fallback.name) throw error;
    problems.push(`model "${choice.entry.name}" could not be used (${describe(error)}); using ${fallback.name}`);
    return { classifier: await Classifier.load(modelUrl(fallback, indexUrl), backendReady), entry: fallback, problems };
  }
}

/**
 * The Number mode's piece verifier, when the index lists one: per piece, the probability it is not
 * one digit, then one for each digit. Without it numbers are still read, only touching digits are cut less well.
 */
export async function loadPieceVerifier(index: ModelIndex, indexUrl: string, backendReady: Promise<unknown>): Promise<Classifier | null> {
  if (index.pieces === null) return null;
  return Classifier.load(new URL(index.pieces, indexUrl).href, backendReady, PIECE_CLASSES, PIECE_CHANNELS);
}

function modelUrl(entry: ModelEntry, indexUrl: string): string {
  return new URL(entry.path, indexUrl).href;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
