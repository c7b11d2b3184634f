import { judgeInk, measureInk } from '../../../common/inkCheck.ts';
import { centreLikeMnist } from '../../../common/preprocess.ts';
import { aloneVerifierInput, verifierApplies, verifierRejects } from '../../../common/verifierReject.ts';
import { asInkImage, type Grid } from '../../../common/ink/grid.ts';
import { BLANK_PREDICTION, interpret, noGuess, type Prediction } from '../state/prediction.ts';

/** Anything that maps a normalised 28x28 image to NUM_CLASSES probabilities (a Classifier). */
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
 * The shared ink check and MNIST normalisation, then the model: exactly what evaluation in ml/ does.
 * With the piece verifier (it loads after the digit model), a drawing it calls "not one digit" is
 * answered "not a digit" (common/verifierReject.ts); both models run at once.
 */
export async function recognise(grid: Grid, model: DigitModel, now: () => number, verifier: DigitModel | null = null): Promise<Recognition> {
  const start = now();
  const gridVersion = grid.version;
  const image = asInkImage(grid);
  const normalised = centreLikeMnist(image);
  if (normalised.blank) return { prediction: BLANK_PREDICTION, seen: null, gridVersion, ms: now() - start };
  const ink = measureInk(image);
  const verdict = judgeInk(ink);
  if (verdict !== 'digit') return { prediction: noGuess(verdict), seen: null, gridVersion, ms: now() - start };
  const [probabilities, pieceVerdict] = await Promise.all([
    model.classify(normalised.pixels),
    verifier === null || !verifierApplies(ink) ? null : verifier.classify(aloneVerifierInput(normalised.pixels)),
  ]);
  const prediction = pieceVerdict !== null && verifierRejects(pieceVerdict) ? noGuess('not-a-digit') : interpret(probabilities);
  return { prediction, seen: normalised.pixels, gridVersion, ms: now() - start };
}
