import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../../common/digit.ts';
import { createRandom } from '../../common/random.ts';
import { readNumber, type ClassifyBatch } from '../../common/segmentation/readNumber.ts';
import type { IdxImages } from '../data/idx.ts';
import { MAX_DIGITS, MIN_DIGITS, NUMBER_KINDS, syntheticNumber, type NumberKind } from './syntheticNumbers.ts';

/**
 * Reading whole numbers: synthetic numbers from MNIST test digits go through `readNumber`, the same
 * segmentation and normalisation the game's Number mode runs, classified by the model under test.
 *
 * A number counts as read when the text matches exactly. Per-digit accuracy credits each written
 * digit found in order in the reading (longest common subsequence), so one missed cut costs the
 * number but only the digits it garbled.
 */

export interface NumbersFigures {
  /** fraction of numbers read exactly */
  readonly numberAccuracy: number;
  /** fraction of written digits read (see above) */
  readonly digitAccuracy: number;
  /** numbers */
  readonly n: number;
}

export type FiguresByKind = Readonly<Record<NumberKind, NumbersFigures>>;

export interface NumbersReport extends FiguresByKind {
  /** 4-digit numbers only: the length the targets are set for */
  readonly fourDigit: FiguresByKind;
  /** by number length, MIN_DIGITS..MAX_DIGITS */
  readonly byLength: Readonly<Record<number, FiguresByKind>>;
  readonly millisecondsPerNumber: number;
}

export interface NumbersOptions {
  readonly model: tf.LayersModel;
  /** MNIST test images and labels */
  readonly images: IdxImages;
  readonly labels: Uint8Array;
  readonly count: number;
  readonly seed: number;
  /** every number this long instead of MIN_DIGITS..MAX_DIGITS at random */
  readonly digits?: number;
  /** the piece verifier (ml/numbers/pieces.ts), as the game's Number mode uses it */
  readonly verifier?: tf.LayersModel;
  /** called for every number read, e.g. to collect failures */
  readonly onNumber?: (result: NumberResult) => void;
}

export interface NumberResult {
  readonly kind: NumberKind;
  readonly text: string;
  readonly read: string;
  readonly width: number;
}

export async function evaluateNumbers(options: NumbersOptions): Promise<NumbersReport> {
  const { model, images, labels, count, seed, digits, verifier, onNumber } = options;
  if (digits !== undefined && !(Number.isInteger(digits) && digits >= 1)) throw new RangeError(`digits must be a positive integer, got ${digits}`);
  const random = createRandom(seed);
  const classify = classifierOf(model);
  const verify = verifier ? classifierOf(verifier) : undefined;
  const tallies = new Map<string, Tally>();
  const tally = (key: string): Tally => {
    const existing = tallies.get(key);
    if (existing) return existing;
    const fresh = { numbers: 0, exact: 0, digits: 0, digitsRead: 0 };
    tallies.set(key, fresh);
    return fresh;
  };
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    // Alternate kinds so both halves are equal and a run of any size covers both.
    const kind = NUMBER_KINDS[i % NUMBER_KINDS.length] ?? 'separated';
    const length = digits ?? MIN_DIGITS + Math.floor(random.next() * (MAX_DIGITS - MIN_DIGITS + 1));
    const number = syntheticNumber(images, labels, random, kind, length);
    const reading = await readNumber(number.image, classify, verify);
    onNumber?.({ kind, text: number.text, read: reading.text, width: number.image.width });
    const found = commonSubsequence(number.text, reading.text);
    for (const key of [kind, `${length}:${kind}`]) {
      const t = tally(key);
      t.numbers += 1;
      t.exact += reading.text === number.text ? 1 : 0;
      t.digits += length;
      t.digitsRead += found;
    }
  }
  const byKind = (prefix: string): FiguresByKind => ({
    separated: figures(tallies.get(`${prefix}separated`)),
    touching: figures(tallies.get(`${prefix}touching`)),
  });
  const byLength: Record<number, FiguresByKind> = {};
  for (let length = Math.min(MIN_DIGITS, digits ?? MIN_DIGITS); length <= Math.max(MAX_DIGITS, digits ?? 0); length++) {
    byLength[length] = byKind(`${length}:`);
  }
  return {
    ...byKind(''),
    fourDigit: byKind('4:'),
    byLength,
    millisecondsPerNumber: count > 0 ? (performance.now() - started) / count : 0,
  };
}

/** A model (digit classifier or piece verifier) as `readNumber` wants it: one predict call per batch, tensors disposed. */
export function classifierOf(model: tf.LayersModel): ClassifyBatch {
  // The piece verifier takes more than one channel per pixel: as many as the model's input has.
  const channels = model.inputs[0]?.shape[3] ?? 1;
  const size = IMAGE_SIZE * IMAGE_SIZE * channels;
  return (batch) => {
    const input = new Float32Array(batch.length * size);
    batch.forEach((pixels, i) => {
      if (pixels.length !== size) throw new RangeError(`expected ${size} values per input, got ${pixels.length}`);
      input.set(pixels, i * size);
    });
    const output = tf.tidy(() => model.predict(tf.tensor4d(input, [batch.length, IMAGE_SIZE, IMAGE_SIZE, channels])) as tf.Tensor);
    const values = output.dataSync() as Float32Array;
    output.dispose();
    const classes = values.length / batch.length;
    return batch.map((_, i) => values.slice(i * classes, (i + 1) * classes));
  };
}

export function formatNumbersReport(report: NumbersReport): string {
  const percent = (x: number): string => `${(100 * x).toFixed(1).padStart(5)} %`;
  const row = (label: string, f: NumbersFigures): string =>
    `  ${label.padEnd(22)} numbers ${percent(f.numberAccuracy)}   digits ${percent(f.digitAccuracy)}   (n=${f.n})`;
  const lines = ['Reading numbers (segmentation + classifier):'];
  for (const kind of NUMBER_KINDS) lines.push(row(kind, report[kind]));
  for (const kind of NUMBER_KINDS) lines.push(row(`4 digits, ${kind}`, report.fourDigit[kind]));
  for (const [length, byKind] of Object.entries(report.byLength)) {
    if (length === '4') continue;
    for (const kind of NUMBER_KINDS) if (byKind[kind].n > 0) lines.push(row(`${length} digits, ${kind}`, byKind[kind]));
  }
  lines.push(`  ${report.millisecondsPerNumber.toFixed(1)} ms per number`);
  return lines.join('\n');
}

interface Tally {
  numbers: number;
  exact: number;
  digits: number;
  digitsRead: number;
}

function figures(t: Tally | undefined): NumbersFigures {
  if (!t || t.numbers === 0) return { numberAccuracy: 0, digitAccuracy: 0, n: 0 };
  return { numberAccuracy: t.exact / t.numbers, digitAccuracy: t.digitsRead / t.digits, n: t.numbers };
}

/** Length of the longest common subsequence of two strings. */
export function commonSubsequence(a: string, b: string): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      row[j] = a[i - 1] === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, row[j - 1] ?? 0);
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
