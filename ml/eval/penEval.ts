import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../../common/digit.ts';
import { isNonDigitLetter } from '../../common/pen/letters.ts';
import { shownAsDigit, type Reading } from '../../common/reading.ts';
import { packImages, standardPenImage } from '../data/penImages.ts';
import type { PenSample } from '../data/pen.ts';
import type { ModelReader } from '../models/modelReading.ts';

/**
 * Real pen characters read the way the game reads them: each path drawn with the game's brush at
 * the size MNIST digits have (data/penImages.ts), normalised, and read by the model with its own
 * "not a digit" rule. With `fraction` < 1 only the first part of each path is drawn, where the
 * whole path would be.
 */

/** A digit read at or above this is one a challenge round (default confidence 0.9) would accept. */
export const CONFIDENT = 0.9;

export interface DigitFigures {
  readonly n: number;
  /** read as their digit and not turned away */
  readonly correct: number;
  readonly rejected: number;
  /** read as another digit at >= CONFIDENT and not turned away */
  readonly confidentWrong: number;
  /** per contributor (a group of writers): [n, correct] */
  readonly groups: Readonly<Record<string, readonly [number, number]>>;
  /** per writer ("contributor/writer"): [n, correct]; a few writers' styles can hold most errors */
  readonly writers: Readonly<Record<string, readonly [number, number]>>;
}

export interface LetterFigures {
  /** letters that are no digit (common/pen/letters.ts) */
  readonly n: number;
  /** shown as a digit: not turned away and not unsure */
  readonly shownAsDigit: number;
  readonly confident: number;
  readonly rejected: number;
}

export function evaluatePenDigits(reader: ModelReader, samples: readonly PenSample[], fraction = 1): DigitFigures {
  const digits = samples.filter((s) => typeof s.label === 'number');
  const readings = readSamples(reader, digits, fraction);
  let correct = 0;
  let rejected = 0;
  let confidentWrong = 0;
  const groups: Record<string, [number, number]> = {};
  const writers: Record<string, [number, number]> = {};
  digits.forEach((sample, i) => {
    const reading = readings[i];
    const group = (groups[sample.contributor] ??= [0, 0]);
    const writer = (writers[`${sample.contributor}/${sample.writer}`] ??= [0, 0]);
    group[0]++;
    writer[0]++;
    if (!reading) return;
    if (reading.rejected) rejected++;
    else if (reading.digit === sample.label) {
      correct++;
      group[1]++;
      writer[1]++;
    } else if (reading.confidence >= CONFIDENT) confidentWrong++;
  });
  return { n: digits.length, correct, rejected, confidentWrong, groups, writers };
}

export function evaluatePenLetters(reader: ModelReader, samples: readonly PenSample[]): LetterFigures {
  const letters = samples.filter((s) => typeof s.label === 'string' && isNonDigitLetter(s.label));
  const readings = readSamples(reader, letters, 1);
  let shown = 0;
  let confident = 0;
  let rejected = 0;
  for (const reading of readings) {
    if (!reading) continue;
    if (reading.rejected) rejected++;
    else {
      if (shownAsDigit(reading)) shown++;
      if (reading.confidence >= CONFIDENT) confident++;
    }
  }
  return { n: letters.length, shownAsDigit: shown, confident, rejected };
}

/** One reading per sample, undefined where the drawing left no ink. */
function readSamples(reader: ModelReader, samples: readonly PenSample[], fraction: number): (Reading | undefined)[] {
  const images = samples.map((s) => standardPenImage(s.strokes, fraction));
  const inked = images.flatMap((image, i) => (image ? [i] : []));
  const tensor = tf.tensor4d(packImages(inked.map((i) => images[i] ?? new Float32Array(0))), [inked.length, IMAGE_SIZE, IMAGE_SIZE, 1]);
  let readings: Reading[];
  try {
    readings = reader.read(tensor);
  } finally {
    tensor.dispose();
  }
  const out = new Array<Reading | undefined>(samples.length);
  inked.forEach((index, k) => { out[index] = readings[k]; });
  return out;
}
