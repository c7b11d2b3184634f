import { IMAGE_PIXELS, IMAGE_SIZE, inkFromBytes, inkImage, type InkImage } from '../../common/digit.ts';
import { centreLikeMnist, resampleLike } from '../../common/preprocess.ts';
import { randomIndex, type Random } from '../../common/random.ts';
import { NOT_ONE_DIGIT, PIECE_CHANNELS, verifierInput } from '../../common/segmentation/readNumber.ts';
import { proposeSegments, type Candidate } from '../../common/segmentation/segment.ts';
import type { IdxImages } from '../data/idx.ts';
import { MAX_DIGITS, MIN_DIGITS, NUMBER_KINDS, digitAlone, syntheticNumber, type SyntheticNumber } from './syntheticNumbers.ts';

/**
 * Training data for the piece verifier (see common/segmentation/readNumber.ts): the pieces the segmentation
 * proposes for synthetic numbers, each labelled with the digit it is, or as not exactly one digit.
 * Learning which digit a piece is, not only whether it is one, teaches the verifier what each digit
 * looks like when cut out of its neighbours (a "1" is narrow, yet no sliver).
 *
 * A digit classifier reads almost any piece as some digit, often confidently: "14" pressed together
 * as a wide 4, half a 0 as a 1. What it never saw in training is a piece that is not one digit. The
 * pieces proposed for real numbers are exactly those mistakes, so they teach the difference.
 */

/**
 * Whether a piece is one digit is judged the way the classifier would see it: its normalised ink
 * against the digit normalised on its own, both blurred by a pixel (strokes are two pixels wide, so
 * without the blur a one-pixel shift of the centre of mass halves the overlap), measured as the
 * soft overlap of their ink (sum of minima over sum of maxima). Its box must also lie near the
 * digit's ink columns: the cut between touching digits often leaves a neighbour's stroke end on a
 * correct piece, which widens its box by a few columns but not the overlap much.
 */
const MATCH = { overlap: 0.4, columns: 4, alone: 0.65 } as const;
/** Below this overlap and this far from every digit, a piece is not one digit; in between, left out. */
const MISMATCH = { overlap: 0.35, columns: 6 } as const;
/**
 * A piece holding at least this share of the ink of two written digits is not one digit, however
 * much it looks like one of them. Shapes alone miss it: a narrow "1" pressed against a 4 barely
 * changes how the 4 looks once normalised, so without this rule such pieces were labelled "4" or
 * left out, and the verifier learnt to pass the merge the reading most often gets wrong.
 */
const SWALLOWED_SHARE = 0.6;

export interface PieceSet {
  /** n x 28 x 28 x PIECE_CHANNELS, 0..1, as the segmentation normalised them (see verifierInput) */
  readonly pixels: Float32Array;
  readonly labels: Uint8Array;
}

/** Each written digit of a number, normalised alone, with its ink columns in the canvas. */
export interface TrueDigit {
  readonly label: number;
  readonly inkX0: number;
  readonly inkX1: number;
  /** normalised alone, then blurred (see labelPiece) */
  readonly blurred: Float32Array;
  /** the digit alone on a canvas the number's size, and its total ink */
  readonly alone: InkImage;
  readonly mass: number;
}

export function trueDigits(images: IdxImages, number: Pick<SyntheticNumber, 'image' | 'columns' | 'indices' | 'text'>): TrueDigit[] {
  return number.indices.map((index, k) => {
    const source = inkFromBytes(images.data.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS));
    const column = number.columns[k];
    const normalised = centreLikeMnist(inkImage(IMAGE_SIZE, IMAGE_SIZE, source));
    const alone = digitAlone(images, number, k);
    return {
      label: Number(number.text[k]),
      inkX0: column?.inkX0 ?? 0,
      inkX1: column?.inkX1 ?? 0,
      blurred: blur(normalised.blank ? new Float32Array(IMAGE_PIXELS) : normalised.pixels),
      alone,
      mass: alone.pixels.reduce((sum, v) => sum + v, 0),
    };
  });
}

/** 1 + the digit, NOT_ONE_DIGIT, or null (ambiguous) for a proposed piece of a number with digits `truth`. */
export function labelPiece(candidate: Candidate, truth: readonly TrueDigit[]): number | null {
  if (!candidate.pixels) return NOT_ONE_DIGIT;
  if (truth.filter((digit) => shareHeld(candidate, digit) >= SWALLOWED_SHARE).length >= 2) return NOT_ONE_DIGIT;
  const piece = blur(candidate.pixels);
  let clearlyNot = true;
  for (const digit of truth) {
    if (digit.inkX1 < candidate.box.x0 || digit.inkX0 > candidate.box.x1) continue;
    const overlap = softOverlap(piece, digit.blurred);
    const columns = Math.max(Math.abs(candidate.box.x0 - digit.inkX0), Math.abs(candidate.box.x1 - digit.inkX1));
    if (overlap >= MATCH.alone || (overlap >= MATCH.overlap && columns <= MATCH.columns)) return 1 + digit.label;
    if (overlap >= MISMATCH.overlap || columns <= MISMATCH.columns) clearlyNot = false;
  }
  return clearlyNot ? NOT_ONE_DIGIT : null;
}

/** The share of the digit's ink the piece holds, both drawn in the piece's frame. Area resampling
 * keeps ink mass times scale squared, so the digit's full mass is known even where the frame clips it. */
function shareHeld(candidate: Candidate, digit: TrueDigit): number {
  const { pixels, frame, box } = candidate;
  if (!pixels || !frame || digit.mass <= 0 || digit.inkX1 < box.x0 || digit.inkX0 > box.x1) return 0;
  const drawn = resampleLike(digit.alone, frame, frame.shiftX);
  let held = 0;
  for (let i = 0; i < drawn.length; i++) held += Math.min(drawn[i] ?? 0, pixels[i] ?? 0);
  return held / (digit.mass * frame.scale * frame.scale);
}

/** 3x3 box blur of a 28x28 image. */
function blur(image: Float32Array): Float32Array {
  const out = new Float32Array(IMAGE_PIXELS);
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < IMAGE_SIZE; x++) {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < IMAGE_SIZE && xx >= 0 && xx < IMAGE_SIZE) sum += image[yy * IMAGE_SIZE + xx] ?? 0;
        }
      }
      out[y * IMAGE_SIZE + x] = sum / 9;
    }
  }
  return out;
}

export function softOverlap(a: Float32Array, b: Float32Array): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    both += Math.min(x, y);
    either += Math.max(x, y);
  }
  return either > 0 ? both / either : 0;
}

/** Pieces of `count` synthetic numbers (kinds alternating, 2..6 digits) built from `images`. */
export function buildPieceSet(images: IdxImages, labels: Uint8Array, random: Random, count: number): PieceSet {
  const chunks: Float32Array[] = [];
  const classes: number[] = [];
  for (let i = 0; i < count; i++) {
    const kind = NUMBER_KINDS[i % NUMBER_KINDS.length] ?? 'touching';
    const length = MIN_DIGITS + randomIndex(random, MAX_DIGITS - MIN_DIGITS + 1);
    const number = syntheticNumber(images, labels, random, kind, length);
    const truth = trueDigits(images, number);
    for (const candidate of proposeSegments(number.image).candidates) {
      if (!candidate.pixels || !candidate.context) continue;
      const label = labelPiece(candidate, truth);
      if (label === null) continue;
      chunks.push(verifierInput(candidate.pixels, candidate.context));
      classes.push(label);
    }
  }
  const size = IMAGE_PIXELS * PIECE_CHANNELS;
  const pixels = new Float32Array(chunks.length * size);
  chunks.forEach((chunk, i) => { pixels.set(chunk, i * size); });
  return { pixels, labels: Uint8Array.from(classes) };
}
