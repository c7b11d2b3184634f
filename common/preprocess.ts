import { DIGIT_BOX, IMAGE_PIXELS, IMAGE_SIZE, type InkImage } from './digit.ts';

/**
 * MNIST-style normalisation, the one used by training, evaluation and the game.
 *
 * MNIST's authors fitted each digit's ink into a 20x20 box keeping its aspect ratio (anti-aliased),
 * then placed it in 28x28 so that its centre of mass sat at the centre. A model trained on MNIST
 * expects exactly that framing; a drawing that is small, off-centre or stretched is read far worse.
 */

/** Pixels at least this fraction of the image's peak ink count towards the bounding box, so the
 * faint fringe of a soft brush (or of MNIST's own anti-aliasing) does not inflate the digit's size. */
const BOX_THRESHOLD = 0.5;

/** Below this peak value, or with less total ink than one full pixel, there is nothing to read. */
const BLANK_PEAK = 0.1;
const BLANK_MASS = 1;

/** MNIST's mean centre of mass, in pixel-index coordinates (pixel i's centre is at i). */
export const MNIST_CENTRE = IMAGE_SIZE / 2;

export interface InkBox {
  readonly x0: number;
  readonly y0: number;
  /** inclusive */
  readonly x1: number;
  /** inclusive */
  readonly y1: number;
}

export type Preprocessed =
  | { readonly blank: true }
  | {
      readonly blank: false;
      /** 28x28, 0..1, ink = 1: what the model sees */
      readonly pixels: Float32Array;
      /** the ink's bounding box in the input image */
      readonly box: InkBox;
      /** output pixels per input pixel */
      readonly scale: number;
      /** where input column/row 0's left/top edge lands in the output: with `scale`, the whole
       * mapping, so other ink can be drawn in the same frame (see `resampleLike`) */
      readonly offsetX: number;
      readonly offsetY: number;
    };

export function centreLikeMnist(image: InkImage): Preprocessed {
  const { width, height, pixels } = image;
  let peak = 0;
  let mass = 0;
  let sumX = 0;
  let sumY = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = clampInk(pixels[y * width + x] ?? 0);
      if (v > peak) peak = v;
      mass += v;
      sumX += v * x;
      sumY += v * y;
    }
  }
  if (peak < BLANK_PEAK || mass < BLANK_MASS) return { blank: true };

  const box = inkBox(image, peak * BOX_THRESHOLD);
  const extent = Math.max(box.x1 - box.x0 + 1, box.y1 - box.y0 + 1);
  const scale = DIGIT_BOX / extent;
  // Area resampling is linear, so the output's centre of mass is the input's, scaled and shifted:
  // choosing the shift from the input puts it at the centre without a second resampling pass.
  // Pixel i covers [i, i+1), so index coordinates are offset by half a pixel.
  const offsetX = MNIST_CENTRE + 0.5 - scale * (sumX / mass + 0.5);
  const offsetY = MNIST_CENTRE + 0.5 - scale * (sumY / mass + 0.5);
  const out = resampleArea(image, scale, offsetX, offsetY);
  return { blank: false, pixels: out, box, scale, offsetX, offsetY };
}

/**
 * `image` drawn into 28x28 the way `centreLikeMnist` drew the input it returned `frame` for, with
 * that input's column 0 at `image`'s column `shiftX`: e.g. the ink around a piece of a number, seen
 * where it lies relative to the piece.
 */
export function resampleLike(image: InkImage, frame: { readonly scale: number; readonly offsetX: number; readonly offsetY: number }, shiftX: number): Float32Array {
  return resampleArea(image, frame.scale, frame.offsetX - frame.scale * shiftX, frame.offsetY);
}

function clampInk(v: number): number {
  return v > 0 ? (v < 1 ? v : 1) : 0;
}

function inkBox(image: InkImage, threshold: number): InkBox {
  const { width, height, pixels } = image;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (clampInk(pixels[y * width + x] ?? 0) >= threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return { x0, y0, x1, y1 };
}

/**
 * Input pixel [x, x+1) lands on output [scale*x + offset, scale*(x+1) + offset). Each output pixel is
 * the area-weighted mean of the input it covers: an anti-aliased box filter whether shrinking or
 * enlarging. Separable: one weight table per axis.
 */
function resampleArea(image: InkImage, scale: number, offsetX: number, offsetY: number): Float32Array {
  const { width, height, pixels } = image;
  const colWeights = axisWeights(width, scale, offsetX);
  const rowWeights = axisWeights(height, scale, offsetY);
  // rows first: each input row becomes a 28-wide row
  const narrowed = new Float32Array(height * IMAGE_SIZE);
  for (let y = 0; y < height; y++) {
    for (const { source, target, weight } of colWeights) {
      const v = clampInk(pixels[y * width + source] ?? 0);
      if (v !== 0) narrowed[y * IMAGE_SIZE + target] = (narrowed[y * IMAGE_SIZE + target] ?? 0) + v * weight;
    }
  }
  const out = new Float32Array(IMAGE_PIXELS);
  for (const { source, target, weight } of rowWeights) {
    for (let x = 0; x < IMAGE_SIZE; x++) {
      const v = narrowed[source * IMAGE_SIZE + x] ?? 0;
      if (v !== 0) out[target * IMAGE_SIZE + x] = (out[target * IMAGE_SIZE + x] ?? 0) + v * weight;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = clampInk(out[i] ?? 0);
  return out;
}

/**
 * The transpose of the resampling `frame` describes: `values` (28x28, one per model input pixel,
 * e.g. a gradient) carried back onto the width x height input, each input pixel receiving the
 * values of the output pixels it covers, weighted as it contributes to them. Because the resampling
 * is linear, this is the exact chain rule from model input to drawing cells (the frame held fixed).
 */
export function pullBack(values: Float32Array, width: number, height: number, frame: { readonly scale: number; readonly offsetX: number; readonly offsetY: number }): Float32Array {
  const colWeights = axisWeights(width, frame.scale, frame.offsetX);
  const rowWeights = axisWeights(height, frame.scale, frame.offsetY);
  const narrowed = new Float32Array(height * IMAGE_SIZE);
  for (const { source, target, weight } of rowWeights) {
    for (let x = 0; x < IMAGE_SIZE; x++) narrowed[source * IMAGE_SIZE + x] = (narrowed[source * IMAGE_SIZE + x] ?? 0) + (values[target * IMAGE_SIZE + x] ?? 0) * weight;
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (const { source, target, weight } of colWeights) out[y * width + source] = (out[y * width + source] ?? 0) + (narrowed[y * IMAGE_SIZE + target] ?? 0) * weight;
  }
  return out;
}

interface Weight {
  readonly source: number;
  readonly target: number;
  /** length of overlap between the mapped source pixel and the target pixel, in output pixels */
  readonly weight: number;
}

function axisWeights(sourceLength: number, scale: number, offset: number): Weight[] {
  const weights: Weight[] = [];
  for (let source = 0; source < sourceLength; source++) {
    const start = scale * source + offset;
    const end = start + scale;
    const first = Math.max(0, Math.floor(start));
    const last = Math.min(IMAGE_SIZE - 1, Math.ceil(end) - 1);
    for (let target = first; target <= last; target++) {
      const weight = Math.min(end, target + 1) - Math.max(start, target);
      if (weight > 0) weights.push({ source, target, weight });
    }
  }
  return weights;
}

/** Centre of mass in pixel-index coordinates, for tests and diagnostics; null when there is no ink. */
export function centreOfMass(pixels: Float32Array, width: number): { x: number; y: number } | null {
  let mass = 0;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i] ?? 0;
    mass += v;
    sumX += v * (i % width);
    sumY += v * Math.floor(i / width);
  }
  return mass > 0 ? { x: sumX / mass, y: sumY / mass } : null;
}
