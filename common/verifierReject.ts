import { IMAGE_PIXELS } from './digit.ts';
import type { InkMeasure } from './inkCheck.ts';
import { NOT_ONE_DIGIT, verifierInput } from './segmentation/readNumber.ts';

/**
 * The second half of "is this a digit at all", after inkCheck.ts: ink big enough to be a digit can
 * still be a scribble or a letter, and the digit model cannot tell (its softmax spreads over ten
 * digits whatever it is shown). The Number mode's piece verifier can: it was trained to answer "not
 * one digit" for pieces that are not exactly one MNIST digit, so a drawing shown to it alone (its
 * context channel empty, as for a lone digit on the Number canvas) that it calls "not one digit"
 * with at least NOT_A_DIGIT_ABOVE is answered "Not a digit?" in free draw and the challenge.
 *
 * The threshold keeps MNIST test digits turned away to a fraction of a percent while catching most
 * scribbles and letters; both figures are in BENCHMARKS.md, "Ink that is not a digit", from
 * `npm run bench -- reject`.
 */
export const NOT_A_DIGIT_ABOVE = 0.9;

/**
 * Only drawings at least this many cells across or down are put to the verifier: a digit drawn
 * small with the game's brush has strokes that are fat for its size, which the verifier (trained on
 * MNIST-sized digits) takes for "not one digit", while the digit model still reads it. MNIST's
 * digits are 20 cells tall; this is well below that and above a digit drawn half that size.
 */
export const VERIFY_FROM_EXTENT = 14;

const EMPTY_CONTEXT = new Float32Array(IMAGE_PIXELS);

/** The verifier's input for one normalised 28x28 drawing with nothing drawn around it. */
export function aloneVerifierInput(pixels: Float32Array): Float32Array {
  return verifierInput(pixels, EMPTY_CONTEXT);
}

/** Whether the drawing is big enough for the verifier's word to count (see VERIFY_FROM_EXTENT). */
export function verifierApplies(ink: InkMeasure): boolean {
  return ink.extent >= VERIFY_FROM_EXTENT;
}

/** `verdict`: the verifier's PIECE_CLASSES probabilities for aloneVerifierInput(pixels). */
export function verifierRejects(verdict: ArrayLike<number>): boolean {
  return (verdict[NOT_ONE_DIGIT] ?? 0) >= NOT_A_DIGIT_ABOVE;
}
