import { IMAGE_SIZE, inkImage, type InkImage } from '../../common/digit.ts';
import { randomIndex, type Random } from '../../common/random.ts';
import { INK_THRESHOLD } from '../../common/segmentation/segment.ts';
import type { IdxImages } from '../data/idx.ts';

/**
 * Numbers written the way the game's wide canvas receives them, built from MNIST digits: each digit
 * keeps its 28 rows (so its height and vertical placement are MNIST's own) and is placed right of
 * the previous one. Composited by maximum of ink, as overlapping strokes of one pen would be.
 *
 * "separated" numbers leave 1..MAX_SEPARATED_GAP empty columns between neighbours. In "touching"
 * numbers every neighbour is slid left until its ink (at the segmentation's threshold) meets the
 * ink already there, and half the time 1..MAX_OVERLAP columns further, so strokes cross.
 */

export type NumberKind = 'separated' | 'touching';
export const NUMBER_KINDS: readonly NumberKind[] = ['separated', 'touching'];

export const MIN_DIGITS = 2;
export const MAX_DIGITS = 6;
const MARGIN = 4;
const MAX_SEPARATED_GAP = 6;
const MAX_OVERLAP = 1;

export interface SyntheticNumber {
  readonly kind: NumberKind;
  /** e.g. "2026" */
  readonly text: string;
  readonly image: InkImage;
  /** for each digit, the canvas columns [left, right) its ink spans */
  readonly columns: ComposedDigits['columns'];
  /** the MNIST image index of each digit */
  readonly indices: readonly number[];
}

export function syntheticNumber(images: IdxImages, labels: Uint8Array, random: Random, kind: NumberKind, length: number): SyntheticNumber {
  const indices = Array.from({ length }, () => randomIndex(random, images.count));
  const spacings: Spacing[] = indices.slice(1).map(() =>
    kind === 'separated'
      ? { gap: 1 + randomIndex(random, MAX_SEPARATED_GAP) }
      : { overlap: random.next() < 0.5 ? 0 : 1 + randomIndex(random, MAX_OVERLAP) },
  );
  const text = indices.map((i) => String(labels[i] ?? '?')).join('');
  const { image, columns } = composeDigits(images, indices, spacings);
  return { kind, text, image, columns, indices };
}

/** The number's k-th digit alone, on a canvas the number's size, where it was pasted. */
export function digitAlone(images: IdxImages, number: Pick<SyntheticNumber, 'image' | 'columns' | 'indices'>, k: number): InkImage {
  const { width } = number.image;
  const canvas = new Float32Array(width * IMAGE_SIZE);
  const index = number.indices[k];
  const column = number.columns[k];
  if (index === undefined || !column) throw new RangeError(`the number has no digit ${k}`);
  paste(canvas, width, cropColumns(images, index), column.left);
  return inkImage(width, IMAGE_SIZE, canvas);
}

/** Empty columns before the next digit, or columns it is slid past first contact (0 = just touching). */
export type Spacing = { readonly gap: number } | { readonly overlap: number };

export interface ComposedDigits {
  readonly image: InkImage;
  /** for each digit, the canvas columns [left, right) it was pasted into, and the first and last
   * column of its ink at the segmentation's threshold (inclusive), as a piece's box measures it */
  readonly columns: readonly { readonly left: number; readonly right: number; readonly inkX0: number; readonly inkX1: number }[];
}

/** MNIST digits `indices` side by side on a 28-row canvas; `spacings` has one entry per neighbour pair. */
export function composeDigits(images: IdxImages, indices: readonly number[], spacings: readonly Spacing[]): ComposedDigits {
  if (images.width !== IMAGE_SIZE || images.height !== IMAGE_SIZE) throw new RangeError('expected 28x28 MNIST digits');
  if (spacings.length !== Math.max(0, indices.length - 1)) throw new RangeError('need one spacing per neighbour pair');
  const digits = indices.map((index) => cropColumns(images, index));
  const widest = spacings.reduce((sum, s) => sum + ('gap' in s ? s.gap : 0), 0);
  const width = digits.reduce((sum, d) => sum + d.width, 0) + widest + 2 * MARGIN;
  const canvas = new Float32Array(width * IMAGE_SIZE);
  let right = MARGIN;
  const columns: ComposedDigits['columns'][number][] = [];
  for (const [k, digit] of digits.entries()) {
    const spacing = spacings[k - 1];
    let left = MARGIN;
    if (spacing && 'gap' in spacing) left = right + spacing.gap;
    else if (spacing) left = Math.max(0, contactPosition(canvas, width, digit, right) - spacing.overlap);
    paste(canvas, width, digit, left);
    columns.push({ left, right: left + digit.width, inkX0: left + digit.inkX0, inkX1: left + digit.inkX1 });
    right = Math.max(right, left + digit.width);
  }
  return { image: trim(canvas, width, right + MARGIN), columns };
}

interface Digit {
  readonly width: number;
  /** first and last column with ink at INK_THRESHOLD (inclusive) */
  readonly inkX0: number;
  readonly inkX1: number;
  /** width x 28, row-major, 0..1 */
  readonly pixels: Float32Array;
}

/** The digit's columns that hold any ink; MNIST's margins would otherwise set the gaps. */
function cropColumns(images: IdxImages, index: number): Digit {
  const base = index * IMAGE_SIZE * IMAGE_SIZE;
  let x0 = IMAGE_SIZE;
  let x1 = -1;
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < IMAGE_SIZE; x++) {
      if ((images.data[base + y * IMAGE_SIZE + x] ?? 0) > 0) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
      }
    }
  }
  if (x1 < 0) return { width: 1, inkX0: 0, inkX1: 0, pixels: new Float32Array(IMAGE_SIZE) };
  const width = x1 - x0 + 1;
  const pixels = new Float32Array(width * IMAGE_SIZE);
  let inkX0 = width;
  let inkX1 = -1;
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < width; x++) {
      const v = (images.data[base + y * IMAGE_SIZE + x0 + x] ?? 0) / 255;
      pixels[y * width + x] = v;
      if (v >= INK_THRESHOLD) {
        inkX0 = Math.min(inkX0, x);
        inkX1 = Math.max(inkX1, x);
      }
    }
  }
  return { width, inkX0: inkX1 < 0 ? 0 : inkX0, inkX1: Math.max(0, inkX1), pixels };
}

/**
 * The rightmost `left` at which the digit's ink is 8-adjacent to (or on) ink already on the canvas,
 * starting with no empty column and sliding left; `right` is one past the canvas's rightmost ink.
 */
function contactPosition(canvas: Float32Array, canvasWidth: number, digit: Digit, right: number): number {
  for (let left = right; left > right - digit.width - IMAGE_SIZE && left > 0; left--) {
    if (touches(canvas, canvasWidth, digit, left)) return left;
  }
  return right;
}

function touches(canvas: Float32Array, canvasWidth: number, digit: Digit, left: number): boolean {
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < digit.width; x++) {
      if ((digit.pixels[y * digit.width + x] ?? 0) < INK_THRESHOLD) continue;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const cy = y + dy;
          const cx = left + x + dx;
          if (cy < 0 || cy >= IMAGE_SIZE || cx < 0 || cx >= canvasWidth) continue;
          if ((canvas[cy * canvasWidth + cx] ?? 0) >= INK_THRESHOLD) return true;
        }
      }
    }
  }
  return false;
}

function paste(canvas: Float32Array, canvasWidth: number, digit: Digit, left: number): void {
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < digit.width; x++) {
      const index = y * canvasWidth + left + x;
      canvas[index] = Math.max(canvas[index] ?? 0, digit.pixels[y * digit.width + x] ?? 0);
    }
  }
}

function trim(canvas: Float32Array, width: number, used: number): InkImage {
  const out = new Float32Array(used * IMAGE_SIZE);
  for (let y = 0; y < IMAGE_SIZE; y++) out.set(canvas.subarray(y * width, y * width + used), y * used);
  return inkImage(used, IMAGE_SIZE, out);
}
