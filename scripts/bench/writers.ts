import { IMAGE_PIXELS, IMAGE_SIZE, inkImage } from '../../common/digit.ts';
import { centreLikeMnist } from '../../common/preprocess.ts';
import { asInkImage } from '../../common/ink/grid.ts';
import { thinZhangSuen } from '../browser/strokes.ts';
import { rasterise } from './nonDigits.ts';
import { smallDigitStrokes } from './smallDigits.ts';

/**
 * Simulated players whose handwriting MNIST lacks, made from MNIST digits (28x28, 0..1) and then
 * preprocessed as the game preprocesses a drawing. Each stands for a way real players differ from
 * MNIST's American census writers and students:
 * - backhand: a strong left slant; MNIST leans right or stands upright, and left-handed writers lean left.
 * - marker: very thick strokes, a felt pen or a finger on a phone.
 * - hairline: one-pixel strokes, a fine pen; MNIST's strokes are two to three pixels wide.
 * - brush: the digit traced into pen strokes and redrawn with the game's brush (scripts/browser/strokes.ts),
 *   as a mouse player draws it.
 * - continental: crossed 7s, slashed 0s and 1s with a long flag, as many Europeans write them.
 */
export const WRITERS = ['backhand', 'marker', 'hairline', 'brush', 'continental'] as const;
export type Writer = (typeof WRITERS)[number];

export function writeAs(writer: Writer, pixels: Float32Array, label: number): Float32Array {
  const drawn = draw(writer, pixels, label);
  const result = centreLikeMnist(inkImage(IMAGE_SIZE, IMAGE_SIZE, drawn));
  return result.blank ? new Float32Array(IMAGE_PIXELS) : result.pixels;
}

function draw(writer: Writer, pixels: Float32Array, label: number): Float32Array {
  switch (writer) {
    case 'backhand':
      return shear(pixels, -1);
    case 'marker':
      return dilate(dilate(pixels));
    case 'hairline': {
      const mask = Uint8Array.from(pixels, (v) => (v >= 0.4 ? 1 : 0));
      thinZhangSuen(mask, IMAGE_SIZE, IMAGE_SIZE);
      return Float32Array.from(mask);
    }
    case 'brush':
      return asInkImage(rasterise(smallDigitStrokes(pixels, 20))).pixels;
    case 'continental':
      return continental(pixels, label);
  }
}

/** x' = x + k (y - centre): k < 0 leans the tops to the left. Bilinear. */
function shear(pixels: Float32Array, k: number): Float32Array {
  const out = new Float32Array(IMAGE_PIXELS);
  const centre = (IMAGE_SIZE - 1) / 2;
  for (let y = 0; y < IMAGE_SIZE; y++) {
    const sx = -k * (y - centre);
    for (let x = 0; x < IMAGE_SIZE; x++) out[y * IMAGE_SIZE + x] = sample(pixels, x + sx, y);
  }
  return out;
}

function sample(pixels: Float32Array, fx: number, y: number): number {
  const x0 = Math.floor(fx);
  const t = fx - x0;
  const at = (x: number) => (x < 0 || x >= IMAGE_SIZE ? 0 : pixels[y * IMAGE_SIZE + x] ?? 0);
  return at(x0) * (1 - t) + at(x0 + 1) * t;
}

/** 3x3 maximum: strokes about two pixels wider. */
function dilate(pixels: Float32Array): Float32Array {
  const out = new Float32Array(IMAGE_PIXELS);
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < IMAGE_SIZE; x++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && xx >= 0 && yy < IMAGE_SIZE && xx < IMAGE_SIZE) m = Math.max(m, pixels[yy * IMAGE_SIZE + xx] ?? 0);
        }
      }
      out[y * IMAGE_SIZE + x] = m;
    }
  }
  return out;
}

/** Adds the continental strokes, in the ink's bounding box: a bar across a 7, a slash through a 0, a flag on a 1. */
function continental(pixels: Float32Array, label: number): Float32Array {
  const out = Float32Array.from(pixels);
  let x0 = IMAGE_SIZE;
  let x1 = -1;
  let y0 = IMAGE_SIZE;
  let y1 = -1;
  pixels.forEach((v, i) => {
    if (v < 0.5) return;
    const x = i % IMAGE_SIZE;
    const y = Math.floor(i / IMAGE_SIZE);
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  });
  if (x1 < 0) return out;
  const w = x1 - x0;
  const h = y1 - y0;
  if (label === 7) line(out, x0 + 0.15 * w, y0 + 0.5 * h, x1 - 0.05 * w, y0 + 0.5 * h);
  else if (label === 0) line(out, x1 + 1, y0 - 1, x0 - 1, y1 + 1);
  else if (label === 1) {
    // a 1 is often thin in MNIST: the flag starts at the top of the stroke and runs down-left
    line(out, x0 + 0.5 * w, y0, x0 + 0.5 * w - 0.45 * h, y0 + 0.4 * h);
  }
  return out;
}

/** A two-pixel-wide line from (ax, ay) to (bx, by), full ink. */
function line(pixels: Float32Array, ax: number, ay: number, bx: number, by: number): void {
  const steps = Math.ceil(Math.hypot(bx - ax, by - ay) * 3) + 1;
  for (let s = 0; s <= steps; s++) {
    const x = ax + ((bx - ax) * s) / steps;
    const y = ay + ((by - ay) * s) / steps;
    for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
      const gx = Math.floor(x - 0.5) + dx;
      const gy = Math.floor(y - 0.5) + dy;
      if (gx >= 0 && gy >= 0 && gx < IMAGE_SIZE && gy < IMAGE_SIZE) pixels[gy * IMAGE_SIZE + gx] = 1;
    }
  }
}
