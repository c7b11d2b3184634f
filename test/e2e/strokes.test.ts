import { describe, expect, test } from 'vitest';
import { stroke } from '../../common/ink/brush.ts';
import { createGrid } from '../../common/ink/grid.ts';
import { MNIST_DIR, mnistTestDigits } from '../../scripts/browser/mnistDigits.ts';
import { pathLength, simplify, thinZhangSuen, traceStrokes, type Stroke } from '../../scripts/browser/strokes.ts';

function redraw(strokes: readonly Stroke[]): Float32Array {
  const grid = createGrid(28, 28);
  for (const path of strokes) {
    for (let i = 0; i < path.length; i++) {
      const a = path[Math.max(0, i - 1)];
      const b = path[i];
      if (a !== undefined && b !== undefined) stroke(grid, { gx: a.x, gy: a.y }, { gx: b.x, gy: b.y });
    }
  }
  return grid.cells;
}

/** Intersection over union of the pixels inked at least half. */
function overlap(a: Float32Array, b: Float32Array): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.length; i++) {
    const inA = (a[i] ?? 0) >= 0.5;
    const inB = (b[i] ?? 0) >= 0.5;
    if (inA && inB) both++;
    if (inA || inB) either++;
  }
  return either === 0 ? 1 : both / either;
}

function image(rows: readonly string[]): Float32Array {
  return Float32Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0));
}

describe('thinZhangSuen', () => {
  test('thins a thick bar to a one-pixel line', () => {
    const w = 12;
    const h = 5;
    const mask = new Uint8Array(w * h);
    for (let y = 1; y <= 3; y++) for (let x = 1; x <= 10; x++) mask[y * w + x] = 1;
    thinZhangSuen(mask, w, h);
    const rows = Array.from({ length: h }, (_, y) => mask.subarray(y * w, (y + 1) * w).reduce((a, b) => a + b, 0));
    expect(rows.filter((n) => n > 0)).toHaveLength(1);
  });
});

describe('simplify', () => {
  test.each([
    { name: 'collinear points collapse to the ends', path: [{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 2, y: 2 }], keep: 2 },
    { name: 'a corner is kept', path: [{ x: 0, y: 0 }, { x: 5, y: 0 }, { x: 5, y: 5 }], keep: 3 },
    { name: 'a single point stays', path: [{ x: 3, y: 3 }], keep: 1 },
  ])('$name', ({ path, keep }) => {
    expect(simplify(path, 0.3)).toHaveLength(keep);
  });
});

describe('traceStrokes', () => {
  test('a blank image has no strokes', () => {
    expect(traceStrokes(new Float32Array(28 * 28), 28, 28)).toEqual([]);
  });

  test('a straight bar becomes one straight stroke of about its length', () => {
    const rows = Array.from({ length: 28 }, (_, y) => (y >= 13 && y <= 14 ? `${' '.repeat(4)}${'#'.repeat(20)}${' '.repeat(4)}` : ' '.repeat(28)));
    const strokes = traceStrokes(image(rows), 28, 28);
    expect(strokes).toHaveLength(1);
    expect(strokes[0]?.length).toBe(2);
    expect(pathLength(strokes[0] ?? [])).toBeGreaterThan(17);
  });

  test('a ring (no line ends) is traced all the way round', () => {
    const pixels = new Float32Array(28 * 28);
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const r = Math.hypot(x + 0.5 - 14, y + 0.5 - 14);
        if (r >= 7 && r <= 9) pixels[y * 28 + x] = 1;
      }
    }
    const strokes = traceStrokes(pixels, 28, 28);
    expect(overlap(pixels, redraw(strokes))).toBeGreaterThan(0.6);
    expect(strokes.reduce((sum, s) => sum + pathLength(s), 0)).toBeGreaterThan(2 * Math.PI * 8 * 0.9);
  });

  test.skipIf(MNIST_DIR === null)('redrawn MNIST digits overlap their originals (needs MNIST_DIR)', async () => {
    const digits = await mnistTestDigits(2, MNIST_DIR ?? '');
    expect(digits).toHaveLength(20);
    for (const digit of digits) {
      const strokes = traceStrokes(digit.pixels, 28, 28);
      expect(strokes.length).toBeGreaterThan(0);
      expect(overlap(digit.pixels, redraw(strokes)), `test image ${digit.index}`).toBeGreaterThan(0.6);
    }
  });

  // The default brush is tuned so that a digit drawn along MNIST's own pen paths carries about as
  // much ink as the MNIST original: strokes neither thinner nor fatter than the model was trained on.
  test.skipIf(MNIST_DIR === null)('the default brush lays down MNIST-like ink along MNIST pen paths (needs MNIST_DIR)', async () => {
    const digits = await mnistTestDigits(2, MNIST_DIR ?? '');
    const mass = (pixels: Float32Array): number => pixels.reduce((a, b) => a + b, 0);
    const ratios = digits.map((d) => mass(redraw(traceStrokes(d.pixels, 28, 28))) / mass(d.pixels));
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    expect(mean).toBeGreaterThan(0.85);
    expect(mean).toBeLessThan(1.2);
  });
});
