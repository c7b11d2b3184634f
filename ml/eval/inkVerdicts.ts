import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, IMAGE_SIZE, inkFromBytes, inkImage } from '../../common/digit.ts';
import { checkInk, measureInk, type InkVerdict } from '../../common/inkCheck.ts';
import { centreLikeMnist } from '../../common/preprocess.ts';
import { PIECE_CHANNELS } from '../../common/segmentation/readNumber.ts';
import { aloneVerifierInput, verifierApplies, verifierRejects } from '../../common/verifierReject.ts';
import type { IdxImages } from '../data/idx.ts';

/** Images per verifier predict: bounded memory for 10,000 images. */
const VERIFIER_BATCH = 500;

export interface InkVerdicts {
  /** per image, in order */
  readonly verdicts: readonly InkVerdict[];
  readonly tooLittle: number;
  readonly notADigit: number;
}

/** common/inkCheck.ts's verdict on every image as it is (before normalisation), as the game judges
 * its grid: what it rejects never reaches the model there. */
export function inkVerdicts(images: IdxImages): InkVerdicts {
  const { count, width, height, data } = images;
  const source = new Float32Array(width * height);
  const verdicts: InkVerdict[] = [];
  let tooLittle = 0;
  let notADigit = 0;
  for (let i = 0; i < count; i++) {
    inkFromBytes(data.subarray(i * source.length, (i + 1) * source.length), source);
    const verdict = checkInk(inkImage(width, height, source));
    if (verdict === 'too-little') tooLittle++;
    if (verdict === 'not-a-digit') notADigit++;
    verdicts.push(verdict);
  }
  return { verdicts, tooLittle, notADigit };
}

/**
 * The rest of the game's "not a digit" rule (common/verifierReject.ts): of the images the ink check
 * passes, those big enough for the piece verifier that it calls "not one digit" when shown alone
 * become 'not-a-digit' too. `byVerifier` counts them.
 */
export function withVerifier(images: IdxImages, ink: InkVerdicts, verifier: tf.LayersModel): InkVerdicts & { readonly byVerifier: number } {
  const { width, height, data } = images;
  const source = new Float32Array(width * height);
  const asked: number[] = [];
  const inputs: Float32Array[] = [];
  ink.verdicts.forEach((verdict, i) => {
    if (verdict !== 'digit') return;
    inkFromBytes(data.subarray(i * source.length, (i + 1) * source.length), source);
    const image = inkImage(width, height, source);
    const normalised = centreLikeMnist(image);
    if (normalised.blank || !verifierApplies(measureInk(image))) return;
    asked.push(i);
    inputs.push(aloneVerifierInput(normalised.pixels));
  });
  const verdicts = [...ink.verdicts];
  let byVerifier = 0;
  for (let start = 0; start < inputs.length; start += VERIFIER_BATCH) {
    const chunk = inputs.slice(start, start + VERIFIER_BATCH);
    const flat = new Float32Array(chunk.length * IMAGE_PIXELS * PIECE_CHANNELS);
    chunk.forEach((input, k) => {
      flat.set(input, k * IMAGE_PIXELS * PIECE_CHANNELS);
    });
    const rows = tf.tidy(() => (verifier.predict(tf.tensor4d(flat, [chunk.length, IMAGE_SIZE, IMAGE_SIZE, PIECE_CHANNELS])) as tf.Tensor2D).arraySync());
    rows.forEach((row, k) => {
      const index = asked[start + k];
      if (index !== undefined && verifierRejects(row)) {
        verdicts[index] = 'not-a-digit';
        byVerifier++;
      }
    });
  }
  return { verdicts, tooLittle: ink.tooLittle, notADigit: ink.notADigit + byVerifier, byVerifier };
}
