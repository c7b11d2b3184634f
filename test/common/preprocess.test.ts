import { beforeAll, describe, expect, test } from 'vitest';
import { DIGIT_BOX, IMAGE_PIXELS, IMAGE_SIZE, inkImage, type InkImage } from '../../common/digit.ts';
import { centreLikeMnist, centreOfMass, MNIST_CENTRE, pullBack, resampleLike, type Preprocessed } from '../../common/preprocess.ts';
import type { IdxImages } from '../../ml/data/idx.ts';
import { loadMnistTest } from '../support/mnistTest.ts';

// Tolerances were measured on MNIST test digits 0..49 and set with room to spare; the measured
// figures are next to each bar.

const DIGITS = 50;

type Drawn = Extract<Preprocessed, { blank: false }>;

function normalised(image: InkImage): Drawn {
  const result = centreLikeMnist(image);
  if (result.blank) throw new Error('expected ink, got blank');
  return result;
}

function meanAbsoluteDifference(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

function correlation(a: Float32Array, b: Float32Array): number {
  const mean = (v: Float32Array) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [(a[i] ?? 0) - ma, (b[i] ?? 0) - mb];
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return ab / Math.sqrt(aa * bb);
}

function distanceFromCentre(pixels: Float32Array): number {
  const centre = centreOfMass(pixels, IMAGE_SIZE);
  if (!centre) return Number.POSITIVE_INFINITY;
  return Math.hypot(centre.x - MNIST_CENTRE, centre.y - MNIST_CENTRE);
}

/** Every value finite and in 0..1. */
function expectInkRange(pixels: Float32Array): void {
  expect(pixels).toHaveLength(IMAGE_PIXELS);
  for (const v of pixels) {
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  }
}

/** Area-average a square image down by an integer factor: each output pixel is the mean of factor x factor inputs. */
function shrink(pixels: Float32Array, side: number, factor: number): Float32Array {
  const small = side / factor;
  const out = new Float32Array(small * small);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const i = Math.floor(y / factor) * small + Math.floor(x / factor);
      out[i] = (out[i] ?? 0) + (pixels[y * side + x] ?? 0) / (factor * factor);
    }
  }
  return out;
}

/** `pixels` (side x side) pasted into a blank canvas with its top-left corner at (left, top). */
function paste(pixels: Float32Array, side: number, canvas: number, left: number, top: number): InkImage {
  const out = new Float32Array(canvas * canvas);
  for (let y = 0; y < side; y++) out.set(pixels.subarray(y * side, (y + 1) * side), (top + y) * canvas + left);
  return inkImage(canvas, canvas, out);
}

function rectangle(width: number, height: number, x0: number, y0: number, w: number, h: number, value = 1): InkImage {
  const pixels = new Float32Array(width * height);
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) pixels[y * width + x] = value;
  return inkImage(width, height, pixels);
}

describe('on real MNIST digits', () => {
  let mnist: IdxImages;
  const digit = (i: number) => Float32Array.from(mnist.data.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), (v) => v / 255);

  beforeAll(async () => {
    ({ images: mnist } = await loadMnistTest());
  });

  test(`${DIGITS} centred digits come back nearly unchanged, centre of mass within 0.5 px of (14, 14)`, () => {
    const differences: number[] = [];
    for (let i = 0; i < DIGITS; i++) {
      const original = digit(i);
      const result = normalised(inkImage(IMAGE_SIZE, IMAGE_SIZE, original));
      expectInkRange(result.pixels);
      // MNIST's digits already fill 20 px: no rescaling, only a sub-pixel shift of the centre.
      expect(result.scale).toBeCloseTo(1, 1);
      const difference = meanAbsoluteDifference(original, result.pixels);
      differences.push(difference);
      expect(difference).toBeLessThan(0.06); // measured max 0.044
      expect(correlation(original, result.pixels)).toBeGreaterThan(0.85); // measured min 0.877
      expect(distanceFromCentre(result.pixels)).toBeLessThan(0.5); // measured max 0.29 over all 10 000
    }
    expect(differences.reduce((a, b) => a + b, 0) / DIGITS).toBeLessThan(0.035); // measured 0.026
  });

  test(`${DIGITS} digits shrunk to 14x14 in the corner of a 60x60 canvas come back close to the original`, () => {
    const correlations: number[] = [];
    for (let i = 0; i < DIGITS; i++) {
      const original = digit(i);
      const result = normalised(paste(shrink(original, IMAGE_SIZE, 2), IMAGE_SIZE / 2, 60, 3, 2));
      expectInkRange(result.pixels);
      // Halving then doubling blurs the strokes, hence looser bars than for the centred digit.
      expect(result.scale).toBeGreaterThan(1.6);
      expect(meanAbsoluteDifference(original, result.pixels)).toBeLessThan(0.13); // measured max 0.106
      const r = correlation(original, result.pixels);
      correlations.push(r);
      expect(r).toBeGreaterThan(0.7); // measured min 0.748
      expect(distanceFromCentre(result.pixels)).toBeLessThan(0.5); // measured max 0.23
    }
    expect(correlations.reduce((a, b) => a + b, 0) / DIGITS).toBeGreaterThan(0.83); // measured 0.863
  });

  test('resampleLike draws a wider canvas in the frame a part of it was normalised in', () => {
    for (let i = 0; i < DIGITS; i++) {
      // the digit in columns 20..47 of a 90-wide canvas, a bar 22 columns further on
      const canvas = new Float32Array(90 * IMAGE_SIZE);
      const pixels = digit(i);
      for (let p = 0; p < IMAGE_PIXELS; p++) canvas[Math.floor(p / IMAGE_SIZE) * 90 + 20 + (p % IMAGE_SIZE)] = pixels[p] ?? 0;
      for (let y = 4; y < 24; y++) canvas[y * 90 + 42] = 1;
      const alone = normalised(inkImage(IMAGE_SIZE, IMAGE_SIZE, digit(i)));
      const drawn = resampleLike(inkImage(90, IMAGE_SIZE, canvas), alone, 20);
      // Where the digit is, the canvas drawn in its frame is the digit normalised alone; the
      // bar (22 canvas columns on, at scale ~1) appears right of it and nowhere else.
      let leftDifference = 0;
      let neighbour = 0;
      for (let p = 0; p < IMAGE_PIXELS; p++) {
        const column = p % IMAGE_SIZE;
        const extra = (drawn[p] ?? 0) - (alone.pixels[p] ?? 0);
        expect(extra).toBeGreaterThanOrEqual(-1e-6);
        if (column < 14) leftDifference += Math.abs(extra);
        else neighbour += extra;
      }
      expect(leftDifference).toBeLessThan(1e-4);
      // (less than all of it where it crosses the digit's own ink or the frame's edge)
      expect(neighbour).toBeGreaterThan(0.5 * 20 * alone.scale ** 2);
      expect(neighbour).toBeLessThan(1.01 * 20 * alone.scale ** 2);
    }
  });
});

describe('aspect ratio: the longer side fits 20 px, the other keeps its proportion', () => {
  // Ink extent along an axis, in output pixels: total ink over the fullest row (or column).
  function extents(pixels: Float32Array): { height: number; width: number } {
    const rows = new Float32Array(IMAGE_SIZE);
    const cols = new Float32Array(IMAGE_SIZE);
    let mass = 0;
    pixels.forEach((v, i) => {
      rows[Math.floor(i / IMAGE_SIZE)] = (rows[Math.floor(i / IMAGE_SIZE)] ?? 0) + v;
      cols[i % IMAGE_SIZE] = (cols[i % IMAGE_SIZE] ?? 0) + v;
      mass += v;
    });
    return { height: mass / Math.max(...rows), width: mass / Math.max(...cols) };
  }

  test.each([
    { name: 'a tall "1", 3x40, in the middle of 100x100', image: rectangle(100, 100, 50, 30, 3, 40), height: 20, width: 1.5 },
    { name: 'the same "1" near the top-left corner', image: rectangle(100, 100, 2, 1, 3, 40), height: 20, width: 1.5 },
    { name: 'a 4x80 stroke on 100x100', image: rectangle(100, 100, 60, 5, 4, 80), height: 20, width: 1 },
    { name: 'a "-", 40x3', image: rectangle(100, 100, 30, 50, 40, 3), height: 1.5, width: 20 },
    { name: 'a 10x20 block on 28x28', image: rectangle(28, 28, 0, 0, 10, 20), height: 20, width: 10 },
  ])('$name → $height px tall, $width px wide', ({ image, height, width }) => {
    const result = normalised(image);
    expectInkRange(result.pixels);
    const measured = extents(result.pixels);
    expect(measured.height).toBeCloseTo(height, 1);
    expect(measured.width).toBeCloseTo(width, 1);
    expect(result.scale).toBeCloseTo(DIGIT_BOX / Math.max(result.box.x1 - result.box.x0 + 1, result.box.y1 - result.box.y0 + 1));
    expect(distanceFromCentre(result.pixels)).toBeLessThan(0.5);
  });

  test('the reported box is the ink bounding box of the input', () => {
    expect(normalised(rectangle(100, 100, 50, 30, 3, 40)).box).toEqual({ x0: 50, y0: 30, x1: 52, y1: 69 });
  });
});

describe('blank input is reported blank, never NaN', () => {
  const filled = (width: number, height: number, value: number) => inkImage(width, height, new Float32Array(width * height).fill(value));
  test.each([
    { name: 'empty 28x28', image: filled(28, 28, 0) },
    { name: 'empty 1x1', image: filled(1, 1, 0) },
    { name: 'empty 500x300', image: filled(500, 300, 0) },
    { name: 'a faint wash below the ink threshold (0.05 everywhere)', image: filled(28, 28, 0.05) },
    { name: 'one half-inked pixel (less than one pixel of ink)', image: rectangle(28, 28, 5, 5, 1, 1, 0.5) },
    { name: 'a 3x3 speck at 0.1 (mass 0.9)', image: rectangle(28, 28, 5, 5, 3, 3, 0.1) },
    { name: 'all NaN', image: filled(28, 28, Number.NaN) },
    { name: 'all negative', image: filled(28, 28, -1) },
  ])('$name', ({ image }) => {
    expect(centreLikeMnist(image)).toEqual({ blank: true });
  });

  test('centreOfMass of nothing is null, not NaN', () => {
    expect(centreOfMass(new Float32Array(IMAGE_PIXELS), IMAGE_SIZE)).toBeNull();
  });
});

describe('odd sizes and values stay finite and in 0..1', () => {
  const withNaN = rectangle(28, 28, 10, 4, 6, 20);
  withNaN.pixels[0] = Number.NaN;
  withNaN.pixels[27] = Number.POSITIVE_INFINITY;
  test.each([
    { name: '1x1 of full ink', image: rectangle(1, 1, 0, 0, 1, 1) },
    { name: '1x200 column of ink', image: rectangle(1, 200, 0, 0, 1, 200) },
    { name: '200x1 row of ink', image: rectangle(200, 1, 0, 0, 200, 1) },
    { name: 'one pixel in a 1000x1000 canvas', image: rectangle(1000, 1000, 999, 0, 1, 1) },
    { name: 'values above 1 (clamped)', image: rectangle(28, 28, 10, 4, 6, 20, 7.5) },
    { name: 'NaN and Infinity among the ink', image: withNaN },
  ])('$name', ({ image }) => {
    const result = normalised(image);
    expectInkRange(result.pixels);
    expect(Number.isFinite(result.scale)).toBe(true);
    expect(result.pixels.some((v) => v > 0)).toBe(true);
    expect(distanceFromCentre(result.pixels)).toBeLessThan(0.5);
  });
});

describe('pullBack is the transpose of the resampling (the Inside mode\'s heat map relies on it)', () => {
  test.each([[28, 28], [60, 40], [12, 9]])('<resample(x), g> = <x, pullBack(g)> on a %dx%d drawing', (width, height) => {
    let seed = width * 31 + height;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pixels = new Float32Array(width * height);
    for (let y = Math.floor(height / 4); y < (3 * height) / 4; y++) for (let x = Math.floor(width / 5); x < (4 * width) / 5; x++) pixels[y * width + x] = 0.2 + 0.8 * next();
    const frame = centreLikeMnist({ width, height, pixels });
    if (frame.blank) throw new Error('blank');
    const g = Float32Array.from({ length: IMAGE_PIXELS }, () => next() - 0.5);
    const forward = frame.pixels.reduce((sum, v, i) => sum + v * (g[i] ?? 0), 0);
    const back = pullBack(g, width, height, frame);
    const backward = pixels.reduce((sum, v, i) => sum + v * (back[i] ?? 0), 0);
    expect(backward).toBeCloseTo(forward, 3);
  });
});
