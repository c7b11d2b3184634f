import { NUM_CLASSES } from './digit.ts';
import { isRecord } from './isRecord.ts';

/**
 * How a model's outputs are read, the same in the game (free draw, challenge, Number mode) and in
 * `npm run evaluate`. A model with NUM_CLASSES outputs only names digits. A model with one more
 * output was also trained on ink that is no digit (letters, scribbles, taps, digits not yet
 * finished) and gives that output its share of the probability: when the share reaches the
 * threshold stored with the model (chosen on held-out writers, metadata.json's `rejection`), the
 * answer is "not a digit". Digit confidences are the raw probabilities, so ink the model half
 * rejects is also less sure of any digit.
 */

/** Index of the "not a digit" output, right after the digits. */
export const NOT_A_DIGIT = NUM_CLASSES;
export const OUTPUTS_WITH_REJECTION = NUM_CLASSES + 1;

/** The output counts of a digit model: digits only, or digits and "not a digit". */
export const DIGIT_OUTPUTS: readonly number[] = [NUM_CLASSES, OUTPUTS_WITH_REJECTION];

/**
 * Below this a digit is shown as a guess ("unsure"), not as an answer. A well-trained model puts
 * more than 0.9 on nearly every clean digit; an ambiguous 4/9 lands lower.
 */
export const UNSURE_BELOW = 0.6;

/** Used when a model with the extra output carries no threshold of its own. */
export const DEFAULT_REJECT_THRESHOLD = 0.5;

export interface Reading {
  /** the most likely digit */
  readonly digit: number;
  /** its probability */
  readonly confidence: number;
  /** the ten digits' probabilities (without the "not a digit" share) */
  readonly digits: Float32Array;
  /** the "not a digit" output, 0 for a model without one */
  readonly notDigit: number;
  readonly rejected: boolean;
}

/** metadata.json's `rejection.threshold` (parsed JSON, anything) when it is a number in (0, 1], else null. */
export function rejectThresholdIn(metadata: unknown): number | null {
  const rejection = isRecord(metadata) ? metadata.rejection : undefined;
  const threshold = isRecord(rejection) ? rejection.threshold : undefined;
  return typeof threshold === 'number' && threshold > 0 && threshold <= 1 ? threshold : null;
}

export function hasRejection(outputs: number): boolean {
  return outputs === OUTPUTS_WITH_REJECTION;
}

export function readOutputs(probabilities: ArrayLike<number>, threshold = DEFAULT_REJECT_THRESHOLD): Reading {
  if (probabilities.length !== NUM_CLASSES && probabilities.length !== OUTPUTS_WITH_REJECTION) {
    throw new RangeError(`expected ${NUM_CLASSES} or ${OUTPUTS_WITH_REJECTION} probabilities, got ${probabilities.length}`);
  }
  const digits = new Float32Array(NUM_CLASSES);
  let digit = 0;
  for (let d = 0; d < NUM_CLASSES; d++) {
    digits[d] = probabilities[d] ?? 0;
    if ((digits[d] ?? 0) > (digits[digit] ?? 0)) digit = d;
  }
  const notDigit = probabilities.length === OUTPUTS_WITH_REJECTION ? (probabilities[NOT_A_DIGIT] ?? 0) : 0;
  return { digit, confidence: digits[digit] ?? 0, digits, notDigit, rejected: notDigit >= threshold && notDigit > 0 };
}

/** Shown as a digit: neither turned away nor unsure. */
export function shownAsDigit(reading: Reading): boolean {
  return !reading.rejected && reading.confidence >= UNSURE_BELOW;
}
