import { NUM_CLASSES } from '../../../common/digit.ts';
import type { InkVerdict } from '../../../common/inkCheck.ts';

/** Why there is no guess: nothing drawn, or ink common/inkCheck.ts says is no digit. */
export type NoGuessReason = 'blank' | Exclude<InkVerdict, 'digit'>;

/** What the page shows and window.handwrittenDigits.prediction() reports. */
export interface Prediction {
  /** the most likely digit, or null when there is no guess (see `reason`) */
  readonly digit: number | null;
  /** NUM_CLASSES values summing to ~1; all zero when there is no guess */
  readonly probabilities: readonly number[];
  readonly blank: boolean;
  /** the top probability is below UNSURE_BELOW */
  readonly unsure: boolean;
  /** null when the model was asked; else why not (the model never sees such ink) */
  readonly reason: NoGuessReason | null;
}

/**
 * Below this the answer is shown as a guess. A well-trained MNIST model puts more than 0.9 on
 * nearly every clean digit; a scribble or an ambiguous 4/9 lands lower.
 */
export const UNSURE_BELOW = 0.6;

export const BLANK_PREDICTION: Prediction = noGuess('blank');

/** No guess, and why: the blank canvas's answer, or ink too little (or of the wrong shape) for a digit. */
export function noGuess(reason: NoGuessReason): Prediction {
  return Object.freeze({
    digit: null,
    probabilities: Object.freeze(new Array<number>(NUM_CLASSES).fill(0)),
    blank: reason === 'blank',
    unsure: false,
    reason,
  });
}

export function interpret(probabilities: ArrayLike<number>): Prediction {
  if (probabilities.length !== NUM_CLASSES) {
    throw new RangeError(`expected ${NUM_CLASSES} probabilities, got ${probabilities.length}`);
  }
  const values = Array.from(probabilities);
  let digit = 0;
  for (let d = 1; d < values.length; d++) if ((values[d] ?? 0) > (values[digit] ?? 0)) digit = d;
  return Object.freeze({
    digit,
    probabilities: Object.freeze(values),
    blank: false,
    unsure: (values[digit] ?? 0) < UNSURE_BELOW,
    reason: null,
  });
}
