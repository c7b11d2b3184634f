import { isRecord } from '../../../common/isRecord.ts';
import { MODEL_NAME } from '../../../common/modelName.ts';

/**
 * More digits than anyone saves by hand (each is drawn and labelled one at a time): a note counting
 * more was not written by the game, and its label ("your 1e+300 digits") would be nonsense.
 */
export const MAX_NOTED_EXAMPLES = 100_000;

/** Accuracy on the player's digits, 0..1, before teaching and after it, each digit read by a model taught without it. */
export interface HeldOut {
  readonly n: number;
  readonly before: number;
  readonly after: number;
}

/** What the game keeps beside the personal model's weights, to name it and to know what it came from. */
export interface PersonalModelNote {
  /** the base model it was fine-tuned from (a name in models/index.json) */
  readonly base: string;
  /** the player's examples it learned from */
  readonly examples: number;
  readonly heldOut: HeldOut;
  /** when it was taught, ms since the epoch */
  readonly at: number;
}

/** "default + your 37 digits": the model label's name while the personal model plays. */
export function personalName(note: PersonalModelNote): string {
  return `${note.base} + your ${note.examples} digit${note.examples === 1 ? '' : 's'}`;
}

/**
 * A note read back from storage, or null when it is not one the game could have written (then the
 * base model plays): the base a model name, the counts whole numbers no larger than they can be.
 */
export function parsePersonalNote(value: unknown): PersonalModelNote | null {
  if (!isRecord(value)) return null;
  const { base, examples, heldOut, at } = value;
  if (typeof base !== 'string' || !MODEL_NAME.test(base) || !isCount(examples, MAX_NOTED_EXAMPLES)) return null;
  if (typeof at !== 'number' || !Number.isFinite(at) || !isRecord(heldOut)) return null;
  const { n, before, after } = heldOut;
  if (!isCount(n, examples) || typeof before !== 'number' || typeof after !== 'number') return null;
  if (![before, after].every((p) => p >= 0 && p <= 1)) return null;
  return { base, examples, heldOut: { n, before, after }, at };
}

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

/** What the saved weights say about themselves, written into the model's own metadata when saved. */
export interface TaughtOn {
  readonly base: string;
}

/** The metadata to save with a personal model: which base it was taught on. */
export function taughtOn(note: PersonalModelNote): TaughtOn {
  return { base: note.base };
}

/**
 * Why the saved weights cannot be played as `note` says over the base playing now, null when they
 * can. The note and the weights are stored apart, so either can be stale or damaged: the weights
 * must have been taught on the base the note names (metadata saved by older versions may lack
 * this) and must have the base's weight shapes, as fine-tuning keeps the architecture.
 */
export function personalModelMismatch(note: PersonalModelNote, metadata: unknown, shapes: readonly (readonly number[])[], baseShapes: readonly (readonly number[])[]): string | null {
  const base = isRecord(metadata) && typeof metadata.base === 'string' ? metadata.base : null;
  if (base !== null && base !== note.base) return `was taught on ${base}, not on ${note.base} as its note says`;
  if (JSON.stringify(shapes) !== JSON.stringify(baseShapes)) return `does not have the weights of ${note.base}, the model its note says it was taught on`;
  return null;
}

/** The My digits screen's line about the held-out figure. */
export function heldOutLine(heldOut: HeldOut): string {
  if (heldOut.n === 0) return 'No digits were held out to measure the personal model';
  const percent = (p: number): string => `${(p * 100).toFixed(0)}%`;
  return `Your ${heldOut.n} digits, each read by a model taught without it: ${percent(heldOut.before)} right before, ${percent(heldOut.after)} after`;
}

/**
 * My digits' count line, `needed` being how many more teaching needs (examplesNeeded): the one
 * place that says how many are saved and how many more are needed, both from the same list, so
 * they cannot disagree.
 */
export function savedLine(saved: number, needed: number): string {
  if (saved === 0) return 'No digits yet: when free draw misreads you, press the digit you meant (0-9), or click or tap its bar';
  const count = `${saved} digit${saved === 1 ? '' : 's'} saved`;
  return needed > 0 ? `${count} · ${needed} more to teach` : count;
}

/** Below the minimum: how many more digits teaching needs, in a sentence. */
export function moreNeededMessage(more: number): string {
  return `Save ${more} more digit${more === 1 ? '' : 's'} to teach the model`;
}
