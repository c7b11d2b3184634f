import { UNSURE_BELOW } from '../../../../common/reading.ts';

/** The training network's reading of the player's drawing, as the room shows it: sure as free draw's guess is. */
export interface TrainGuess {
  readonly digit: number;
  readonly confidence: number;
  readonly sure: boolean;
  readonly probabilities: readonly number[];
}

/** The top digit of `probabilities` (ten, 0..1); null when there are none (a blank drawing). */
export function readGuess(probabilities: Float32Array | null): TrainGuess | null {
  if (probabilities === null || probabilities.length === 0) return null;
  let digit = 0;
  probabilities.forEach((p, i) => {
    if (p > (probabilities[digit] ?? 0)) digit = i;
  });
  const confidence = probabilities[digit] ?? 0;
  return { digit, confidence, sure: confidence >= UNSURE_BELOW, probabilities: Array.from(probabilities) };
}
