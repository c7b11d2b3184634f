import { labelComponents } from './segmentation/components.ts';
import type { InkImage } from './digit.ts';

/**
 * Whether ink can be a digit at all: what a challenge round must be drawn with to be won
 * (game/shell/state/modes.ts), and which Number-mode blobs are too little to read.
 *
 * A model without the "not a digit" output (common/reading.ts) cannot say so itself: the MNIST normalisation (preprocess.ts) scales whatever ink there
 * is up to fill the 20x20 digit box, so a single click becomes a fat ring the model calls a "0"
 * with near certainty, a short dash a "2", a short tick a "1". Only the ink's size on the grid,
 * which the normalisation throws away, tells these apart from a digit.
 *
 * Sizes are in cells of the 28-row grid (pixels of a 28x28 MNIST image, whose digits are 20 tall),
 * measured on ink at INK_LEVEL together with the faint rim touching it (see components.ts). A digit
 * drawn small but complete, a quarter of the grid tall, still spans MIN_EXTENT with the brush's rim;
 * a dab, a short dash and a short tick do not. The figures behind the constants (false
 * accepts on dots, dashes, ticks, scribbles and letters, false rejects on MNIST and on MNIST digits
 * drawn small) are in BENCHMARKS.md, "Ink that is not a digit", from `npm run bench -- reject`.
 */

/** Ink at or above this counts (the brush's full core and the inner half of its soft rim). */
export const INK_LEVEL = 0.5;

/** Ink spanning fewer cells than this, across and down, is too little to be a digit: half of
 * MNIST's 20-cell digit box, rim included (a line about 6 cells long). */
export const MIN_EXTENT = 10;

/**
 * The longest connected stroke must span at least this many cells: scattered dabs can span the
 * grid between them, yet each is a speck (a dab spans at most 4, two touching dabs 6). Lower than
 * MIN_EXTENT because digits are often drawn in strokes that do not touch (a 4, a 5 with its bar
 * apart), each shorter than the whole.
 */
export const MIN_STROKE = 7;

/** Ink more than this many times wider than tall is a line, not a digit: MNIST's flattest digits
 * (a sprawling 2 or 7 written small and wide) are clearly less flat. */
export const MAX_FLATNESS = 2.5;

/**
 * Ink must also span MIN_EXTENT cells down, whatever its width: a digit is never short. Every one of
 * the 10,000 MNIST test digits does (the shortest, a few flat 2s and 5s, exactly 10 with the rim),
 * and so does an MNIST digit redrawn 6 cells tall with the game's brush. Without it a dash about 6
 * cells long passed, its rim making it 10 across and 4 down (flatness 2.5, just not above
 * MAX_FLATNESS), and a model without the "not a digit" output (seed) reads that as a 2 at 0.97.
 */
export const MIN_HEIGHT = MIN_EXTENT;

export type InkVerdict =
  /** worth asking the model */
  | 'digit'
  /** too small or too sparse to be a digit yet: keep drawing */
  | 'too-little'
  /** enough ink, but no digit has this shape */
  | 'not-a-digit';

export interface InkMeasure {
  /** the larger side of the bounding box of all ink (at INK_LEVEL and its rim), cells; 0 when there is none */
  readonly extent: number;
  /** the larger side of the largest connected stroke's bounding box, cells */
  readonly longestStroke: number;
  /** the bounding box's height, cells */
  readonly height: number;
  /** bounding box width / height */
  readonly flatness: number;
}

export function measureInk(image: InkImage): InkMeasure {
  const { components } = labelComponents(image, INK_LEVEL);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let longestStroke = 0;
  for (const c of components) {
    x0 = Math.min(x0, c.x0);
    y0 = Math.min(y0, c.y0);
    x1 = Math.max(x1, c.x1);
    y1 = Math.max(y1, c.y1);
    longestStroke = Math.max(longestStroke, c.x1 - c.x0 + 1, c.y1 - c.y0 + 1);
  }
  if (components.length === 0) return { extent: 0, longestStroke: 0, height: 0, flatness: 0 };
  const width = x1 - x0 + 1;
  const height = y1 - y0 + 1;
  return { extent: Math.max(width, height), longestStroke, height, flatness: width / height };
}

export function checkInk(image: InkImage): InkVerdict {
  return judgeInk(measureInk(image));
}

/** checkInk's verdict on a measure already taken (free draw also needs the measure itself). */
export function judgeInk(ink: InkMeasure): InkVerdict {
  if (ink.extent < MIN_EXTENT || ink.longestStroke < MIN_STROKE) return 'too-little';
  return ink.flatness > MAX_FLATNESS || ink.height < MIN_HEIGHT ? 'not-a-digit' : 'digit';
}
