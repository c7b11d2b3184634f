import { NUM_CLASSES } from '../../../common/digit.ts';
import { checkInk } from '../../../common/inkCheck.ts';
import { centreLikeMnist } from '../../../common/preprocess.ts';
import { asInkImage, type Grid } from '../../../common/ink/grid.ts';
import { BLANK_PREDICTION, interpret, noGuess, type Prediction } from '../state/prediction.ts';

/** Anything that maps a normalised 28x28 image to NUM_CLASSES probabilities, or one more for "not a digit" (a Classifier). */
export interface DigitModel {
  classify(pixels: Float32Array): Promise<Float32Array>;
}

export interface Recognition {
  readonly prediction: Prediction;
  /** the normalised 28x28 image the model saw, or null when it was not asked (blank, or no digit) */
  readonly seen: Float32Array | null;
  /** the grid version this answer is for */
  readonly gridVersion: number;
  /** normalisation + model, milliseconds */
  readonly ms: number;
}

/**
 * The shared MNIST normalisation, then the model: exactly what evaluation in ml/ does. A model with
 * the "not a digit" output turns away what it is at least `rejectThreshold` sure is no digit (yet):
 * letters, scribbles, taps, a digit half drawn (common/reading.ts). A model without it (the seed,
 * an imported or older one) would name a digit for any ink, a dash a "2" at 0.97: for it, ink that
 * is too small or too flat to be a digit (common/inkCheck.ts) gets no guess, as in a challenge.
 */
export async function recognise(grid: Grid, model: DigitModel, now: () => number, rejectThreshold: number | null = null): Promise<Recognition> {
  const start = now();
  const gridVersion = grid.version;
  const ink = asInkImage(grid);
  const normalised = centreLikeMnist(ink);
  if (normalised.blank) return { prediction: BLANK_PREDICTION, seen: null, gridVersion, ms: now() - start };
  const probabilities = await model.classify(normalised.pixels);
  const prediction = probabilities.length === NUM_CLASSES && checkInk(ink) !== 'digit' ? noGuess('not-a-digit') : interpret(probabilities, rejectThreshold ?? undefined);
  return { prediction, seen: normalised.pixels, gridVersion, ms: now() - start };
}
