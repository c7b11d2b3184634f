import { NUM_CLASSES } from '../../../common/digit.ts';
import { readOutputs, UNSURE_BELOW } from '../../../common/reading.ts';

/** Why there is no guess: nothing drawn, or ink the model itself turns away (common/reading.ts). */
export type NoGuessReason = 'blank' | 'not-a-digit';

/** What the page shows and window.handwrittenDigits.prediction() reports. */
export interface Prediction {
  /** the most likely digit, or null when there is no guess (see `reason`) */
  readonly digit: number | null;
  /** the NUM_CLASSES digits' probabilities (less than 1 in all when the model gives "not a digit" a share); all zero when there is no guess */
  readonly probabilities: readonly number[];
  readonly blank: boolean;
  /** the top probability is below UNSURE_BELOW */
  readonly unsure: boolean;
  /** null when the model named a digit; else why not */
  readonly reason: NoGuessReason | null;
}

export { UNSURE_BELOW };

export const BLANK_PREDICTION: Prediction = noGuess('blank');

/** No guess, and why: the blank canvas's answer, or ink the model says is no digit (yet). */
export function noGuess(reason: NoGuessReason): Prediction {
  return Object.freeze({
    digit: null,
    probabilities: Object.freeze(new Array<number>(NUM_CLASSES).fill(0)),
    blank: reason === 'blank',
    unsure: false,
    reason,
  });
}

/**
 * A model's outputs as the page shows them: ten digits, or, for a model with the "not a digit"
 * output, no guess when that output reaches `rejectThreshold` (the model's own, from the index).
 */
export function interpret(probabilities: ArrayLike<number>, rejectThreshold?: number): Prediction {
  const reading = readOutputs(probabilities, rejectThreshold);
  if (reading.rejected) return noGuess('not-a-digit');
  return Object.freeze({
    digit: reading.digit,
    probabilities: Object.freeze(Array.from(reading.digits)),
    blank: false,
    unsure: reading.confidence < UNSURE_BELOW,
    reason: null,
  });
}
