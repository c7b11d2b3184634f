import { describe, expect, test } from 'vitest';
import { warpPath } from '../../../common/pen/penAugment.ts';
import { createRandom } from '../../../common/random.ts';

// A "7": a bar 10 wide, then a stem down 20 (a second stroke), points 1 apart.
const bar = Array.from({ length: 11 }, (_, i) => [i, 0]).flat();
const stem = Array.from({ length: 21 }, (_, i) => [10 - i / 4, i]).flat();
const SEVEN = [bar, stem];
const SIDE = 20;

function moves(before: readonly number[][], after: readonly number[][]): number[][] {
  return before.map((points, s) => points.map((v, i) => (after[s]?.[i] ?? Number.NaN) - v));
}

describe('warpPath', () => {
  test('keeps every stroke and point, moves them by at most the amount of the longer side', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const warped = warpPath(SEVEN, 0.12, createRandom(seed));
      expect(warped.map((points) => points.length)).toEqual(SEVEN.map((points) => points.length));
      const largest = Math.max(...moves(SEVEN, warped).flat().map(Math.abs));
      expect(largest).toBeLessThanOrEqual(0.12 * SIDE + 1e-9);
    }
  });

  test('bends the path: points move, and by different amounts', () => {
    const offsets = moves(SEVEN, warpPath(SEVEN, 0.12, createRandom(3))).flat();
    expect(Math.max(...offsets.map(Math.abs))).toBeGreaterThan(0.01 * SIDE);
    expect(new Set(offsets.map((v) => v.toFixed(6))).size).toBeGreaterThan(SEVEN.flat().length / 2);
  });

  test('neighbouring points move alike, so strokes stay strokes', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const offsets = moves(SEVEN, warpPath(SEVEN, 0.12, createRandom(seed)));
      for (const stroke of offsets) {
        // points 1 apart (of a side of 20): a wave of at most 1.2 cycles per side changes by at most 2 pi 1.2 / 20 of its height
        for (let i = 2; i < stroke.length; i++) expect(Math.abs((stroke[i] ?? 0) - (stroke[i - 2] ?? 0))).toBeLessThanOrEqual(0.12 * SIDE * ((2 * Math.PI * 1.2) / SIDE) * 1.05);
      }
    }
  });

  test('an amount of 0 leaves the path as it was', () => {
    expect(warpPath(SEVEN, 0, createRandom(1))).toEqual(SEVEN);
  });
});
