import { IMAGE_PIXELS } from '../common/digit.ts';
import { randomIndex, type Random } from '../common/random.ts';
import { proposeSegments, type Candidate } from '../common/segment.ts';
import type { IdxImages } from './idx.ts';
import { MAX_DIGITS, MIN_DIGITS, NUMBER_KINDS, syntheticNumber, type SyntheticNumber } from './syntheticNumbers.ts';

/**
 * Training data for the piece verifier (see common/readNumber.ts): the pieces the segmentation
 * proposes for synthetic numbers, each labelled by whether it is exactly one written digit.
 *
 * A digit classifier reads almost any piece as some digit, often confidently: "14" pressed together
 * as a wide 4, half a 0 as a 1. What it never saw in training is a piece that is not one digit. The
 * pieces proposed for real numbers are exactly those mistakes, so they teach the difference.
 */

export const PIECE_CLASSES = 2;
export const NOT_ONE_DIGIT = 0;
export const ONE_DIGIT = 1;

/** A piece whose ink edges lie this close (columns) to a written digit's is that digit... */
const MATCH_COLUMNS = 2;
/** ... and one with an edge further than this from every digit's is not one digit. Pieces in between
 * (a sliver of a neighbour, a faint edge lost) are left out rather than labelled either way. */
const MISMATCH_COLUMNS = 4;

export interface PieceSet {
  /** n x 28 x 28, 0..1, as the segmentation normalised them */
  readonly pixels: Float32Array;
  readonly labels: Uint8Array;
}

/** ONE_DIGIT, NOT_ONE_DIGIT or null (ambiguous) for a proposed piece of `number`. */
export function labelPiece(candidate: Candidate, number: Pick<SyntheticNumber, 'columns'>): number | null {
  let closest = Infinity;
  for (const { left, right } of number.columns) {
    const deviation = Math.max(Math.abs(candidate.box.x0 - left), Math.abs(candidate.box.x1 - (right - 1)));
    closest = Math.min(closest, deviation);
  }
  if (closest <= MATCH_COLUMNS) return ONE_DIGIT;
  return closest > MISMATCH_COLUMNS ? NOT_ONE_DIGIT : null;
}

/** Pieces of `count` synthetic numbers (kinds alternating, 2..6 digits) built from `images`. */
export function buildPieceSet(images: IdxImages, labels: Uint8Array, random: Random, count: number): PieceSet {
  const chunks: Float32Array[] = [];
  const classes: number[] = [];
  for (let i = 0; i < count; i++) {
    const kind = NUMBER_KINDS[i % NUMBER_KINDS.length] ?? 'touching';
    const length = MIN_DIGITS + randomIndex(random, MAX_DIGITS - MIN_DIGITS + 1);
    const number = syntheticNumber(images, labels, random, kind, length);
    for (const candidate of proposeSegments(number.image).candidates) {
      if (!candidate.pixels) continue;
      const label = labelPiece(candidate, number);
      if (label === null) continue;
      chunks.push(candidate.pixels);
      classes.push(label);
    }
  }
  const pixels = new Float32Array(chunks.length * IMAGE_PIXELS);
  chunks.forEach((chunk, i) => pixels.set(chunk, i * IMAGE_PIXELS));
  return { pixels, labels: Uint8Array.from(classes) };
}
