import { IMAGE_PIXELS, NUM_CLASSES } from '../../../common/digit.ts';
import { isRecord } from '../../../common/isRecord.ts';

/**
 * One digit the player taught the game: what they meant, and everything needed to learn from it or
 * show it again. Stored as is in IndexedDB (typed arrays survive structured cloning).
 */
export interface PersonalExample {
  /** the model's input: IMAGE_PIXELS values 0..1, row-major 28x28, after centreLikeMnist */
  readonly input: Float32Array;
  /** the raw grid as drawn, gridWidth x gridHeight cells 0..1 */
  readonly grid: Float32Array;
  readonly gridWidth: number;
  readonly gridHeight: number;
  /** the digit the player meant, 0..9 */
  readonly label: number;
  /** the model's top class when the player corrected it, null when it had no guess */
  readonly guess: number | null;
  /** that guess's probability 0..1, null with no guess */
  readonly confidence: number | null;
  /** when it was saved, ms since the epoch */
  readonly at: number;
}

/** A saved example with the key IndexedDB gave it. */
export interface StoredExample extends PersonalExample {
  readonly id: number;
}

/** What the player asked to save, before it is checked. */
export interface Correction {
  readonly label: number;
  /** the model input, or null when the drawing normalised to nothing (blank) */
  readonly input: Float32Array | null;
  readonly grid: Float32Array;
  readonly gridWidth: number;
  readonly gridHeight: number;
  readonly guess: number | null;
  readonly confidence: number | null;
}

export type CorrectionVerdict =
  | { readonly ok: true; readonly example: PersonalExample }
  | { readonly ok: false; readonly message: string };

/** Checks a correction: a blank drawing or a label outside 0..9 is refused with the reason shown to the player. */
export function checkCorrection(correction: Correction, at: number): CorrectionVerdict {
  const { label, input, grid } = correction;
  if (!Number.isInteger(label) || label < 0 || label >= NUM_CLASSES) {
    return { ok: false, message: `Not saved: ${String(label)} is not a digit 0-9` };
  }
  if (input === null || !grid.some((v) => v > 0)) return { ok: false, message: 'Not saved: draw a digit first' };
  if (input.length !== IMAGE_PIXELS) return { ok: false, message: `Not saved: the model input has ${input.length} pixels, not ${IMAGE_PIXELS}` };
  return {
    ok: true,
    example: {
      input: input.slice(),
      grid: grid.slice(),
      gridWidth: correction.gridWidth,
      gridHeight: correction.gridHeight,
      label,
      guess: correction.guess,
      confidence: correction.confidence,
      at,
    },
  };
}

/**
 * What the game says once an example is saved: the digit meant and what the model had read. A
 * misread also says where the remedy is: what the model still misreads is mostly a writer's own way
 * of writing a digit, which teaching it that writer's digits fixes (BENCHMARKS.md, sections 5a and 7).
 */
export function savedMessage(label: number, guess: number | null): string {
  const said = `Saved as a ${label}, it read ${guess ?? 'no digit'}`;
  return guess === label ? said : `${said} · teach it in My digits`;
}

/**
 * A record read back from storage, or null when it is not a whole example (another version of the
 * game, a damaged database): such records are skipped, never trusted.
 */
export function parseStoredExample(value: unknown): StoredExample | null {
  if (!isRecord(value)) return null;
  const { id, input, grid, gridWidth, gridHeight, label, guess, confidence, at } = value;
  if (typeof id !== 'number' || !(input instanceof Float32Array) || !(grid instanceof Float32Array)) return null;
  if (input.length !== IMAGE_PIXELS || !input.every((v) => v >= 0 && v <= 1)) return null;
  if (typeof gridWidth !== 'number' || typeof gridHeight !== 'number' || gridWidth * gridHeight !== grid.length) return null;
  if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label >= NUM_CLASSES) return null;
  if (guess !== null && (typeof guess !== 'number' || !Number.isInteger(guess) || guess < 0 || guess >= NUM_CLASSES)) return null;
  if (confidence !== null && typeof confidence !== 'number') return null;
  if (typeof at !== 'number') return null;
  return { id, input, grid, gridWidth, gridHeight, label, guess, confidence, at };
}

/** The examples as the fine-tune takes them: n x IMAGE_PIXELS images and their labels, in order. */
export function asTrainingSet(examples: readonly PersonalExample[]): { readonly images: Float32Array; readonly labels: Uint8Array } {
  const images = new Float32Array(examples.length * IMAGE_PIXELS);
  const labels = new Uint8Array(examples.length);
  examples.forEach((example, i) => {
    images.set(example.input, i * IMAGE_PIXELS);
    labels[i] = example.label;
  });
  return { images, labels };
}

/** The examples grouped by label, oldest first in each: the My digits gallery's rows. */
export function byLabel<T extends PersonalExample>(examples: readonly T[]): T[][] {
  const rows: T[][] = Array.from({ length: NUM_CLASSES }, () => []);
  for (const example of [...examples].sort((a, b) => a.at - b.at)) rows[example.label]?.push(example);
  return rows;
}
