import { isRecord } from './isRecord.ts';
import { MODEL_NAME } from './modelName.ts';

/**
 * assets/models/index.json: the one type and parser of the file ml/ writes (ml/cli/modelOutput.ts) and
 * the game, the bench and the tests read.
 */

/** One entry of assets/models/index.json. */
export interface ModelEntry {
  readonly name: string;
  /** relative to index.json, e.g. "default/model.json" */
  readonly path: string;
  readonly arch: string;
  /** 0..1 on the MNIST test set; null when it was never measured (e.g. a model added by hand) */
  readonly testAccuracy: number | null;
  readonly parameters: number;
  readonly weightBytes: number;
  readonly description: string;
  /**
   * For a model with the "not a digit" output (common/reading.ts): how sure of it the model must be
   * to turn a drawing away, from its metadata.json; null for a model that only names digits.
   */
  readonly rejectThreshold: number | null;
}

export interface ModelIndex {
  readonly default: string;
  readonly models: readonly ModelEntry[];
  /** the Number mode's piece verifier, "<name>/<file>.json" relative to index.json; null if none */
  readonly pieces: string | null;
}

/** A model path stays inside the models folder: "<name>/<file>.json", nothing else. */
const MODEL_FILE = /^[A-Za-z0-9_-]+\.json$/;

export class ModelIndexError extends Error {
  override name = 'ModelIndexError';
}

/** Validates the parsed JSON of index.json; throws ModelIndexError naming the first problem. */
export function parseModelIndex(json: unknown): ModelIndex {
  const fail = (why: string): never => {
    throw new ModelIndexError(`models/index.json: ${why}`);
  };
  if (!isRecord(json)) return fail('not an object');
  const defaultName = json.default;
  const list = json.models;
  if (typeof defaultName !== 'string') return fail('"default" is not a string');
  if (!Array.isArray(list)) return fail('"models" is not a list');
  const models = list.map((item: unknown, i): ModelEntry => {
    if (!isRecord(item)) return fail(`models[${i}] is not an object`);
    const { name, path, arch, testAccuracy, parameters, weightBytes, description, rejectThreshold } = item;
    if (typeof name !== 'string' || !MODEL_NAME.test(name)) return fail(`models[${i}].name is not a model name`);
    if (typeof path !== 'string' || !isModelPath(path)) return fail(`models[${i}].path must be "<name>/<file>.json"`);
    if (testAccuracy !== undefined && testAccuracy !== null && (typeof testAccuracy !== 'number' || !(testAccuracy >= 0 && testAccuracy <= 1))) {
      return fail(`models[${i}].testAccuracy is neither in 0..1 nor null`);
    }
    if (rejectThreshold !== undefined && rejectThreshold !== null && (typeof rejectThreshold !== 'number' || !(rejectThreshold > 0 && rejectThreshold <= 1))) {
      return fail(`models[${i}].rejectThreshold is neither in (0, 1] nor null`);
    }
    return Object.freeze({
      name,
      path,
      arch: typeof arch === 'string' ? arch : 'unknown',
      testAccuracy: testAccuracy ?? null,
      parameters: typeof parameters === 'number' ? parameters : 0,
      weightBytes: typeof weightBytes === 'number' ? weightBytes : 0,
      description: typeof description === 'string' ? description : '',
      rejectThreshold: rejectThreshold ?? null,
    });
  });
  if (!models.some((m) => m.name === defaultName)) fail(`default model "${defaultName}" is not listed`);
  const pieces = json.pieces ?? null;
  if (pieces !== null && (typeof pieces !== 'string' || !isModelPath(pieces))) fail('"pieces" must be "<name>/<file>.json"');
  return Object.freeze({ default: defaultName, models: Object.freeze(models), pieces: pieces as string | null });
}

export interface ModelChoice {
  readonly entry: ModelEntry;
  /** why the requested model was not used, for the on-screen message */
  readonly problem: string | null;
}

export function defaultModel(index: ModelIndex): ModelEntry {
  const entry = index.models.find((m) => m.name === index.default);
  if (entry === undefined) throw new ModelIndexError(`default model "${index.default}" is not listed`);
  return entry;
}

/** The requested model if the index lists it, else the default with a reason. */
export function chooseModel(index: ModelIndex, requested: string | null): ModelChoice {
  const fallback = defaultModel(index);
  if (requested === null) return { entry: fallback, problem: null };
  const entry = index.models.find((m) => m.name === requested);
  if (entry !== undefined) return { entry, problem: null };
  return { entry: fallback, problem: `no model named "${requested}"; using ${fallback.name}` };
}

/**
 * The models to try, in order, when `first` is asked for: it, then the default, then the others
 * best MNIST test accuracy first (unknown last; ties keep the listed order), so a broken default
 * falls back to the best model there is, not to whichever the index lists first.
 */
export function fallbackOrder(index: ModelIndex, first: ModelEntry): ModelEntry[] {
  const others = index.models.map((entry, i) => ({ entry, i })).sort((a, b) => (b.entry.testAccuracy ?? -1) - (a.entry.testAccuracy ?? -1) || a.i - b.i);
  const order = [first, defaultModel(index), ...others.map((o) => o.entry)];
  return order.filter((entry, i) => order.findIndex((other) => other.name === entry.name) === i);
}

function isModelPath(path: string): boolean {
  const parts = path.split('/');
  return parts.length === 2 && MODEL_NAME.test(parts[0] ?? '') && MODEL_FILE.test(parts[1] ?? '');
}
