import { describe, expect, test } from 'vitest';
import { stroke } from '../../../common/ink/brush.ts';
import { createGrid } from '../../../common/ink/grid.ts';
import { drawPath, fitPath, pathBounds, pathLength, pathPrefix, placedPath } from '../../../common/pen/penPath.ts';

// An "L": down 10, then right 10 (a second stroke).
const L = [[0, 0, 0, 5, 0, 10], [0, 10, 10, 10]];

describe('pen paths', () => {
  test('length and bounds', () => {
    expect(pathLength(L)).toBe(20);
    expect(pathBounds(L)).toEqual({ x0: 0, y0: 0, x1: 10, y1: 10 });
  });

  test.each([
    { fraction: 0.25, strokes: [[0, 0, 0, 5]] },
    { fraction: 0.5, strokes: [[0, 0, 0, 5, 0, 10]] },
    { fraction: 0.75, strokes: [[0, 0, 0, 5, 0, 10], [0, 10, 5, 10]] },
    { fraction: 1, strokes: L },
  ])('the first $fraction of the path by length', ({ fraction, strokes }) => {
    expect(pathPrefix(L, fraction)).toEqual(strokes);
  });

  test('fitPath puts the longer side at the size asked, centred', () => {
    const placement = fitPath(L, 20, 14, 14);
    expect(placement).toEqual({ scale: 2, dx: 4, dy: 4 });
  });

  test('placedPath gives every point where the placement puts it, stroke by stroke', () => {
    expect(placedPath(L, fitPath(L, 20, 14, 14))).toEqual([
      [{ gx: 4, gy: 4 }, { gx: 4, gy: 14 }, { gx: 4, gy: 24 }],
      [{ gx: 4, gy: 24 }, { gx: 24, gy: 24 }],
    ]);
  });

  test('drawPath inks exactly what the brush inks for the same segments', () => {
    const placement = fitPath(L, 20, 14, 14);
    const viaPath = createGrid(28, 28);
    drawPath(viaPath, L, placement);
    const byHand = createGrid(28, 28);
    const at = (x: number, y: number) => ({ gx: x * 2 + 4, gy: y * 2 + 4 });
    stroke(byHand, at(0, 0), at(0, 0));
    stroke(byHand, at(0, 0), at(0, 5));
    stroke(byHand, at(0, 5), at(0, 10));
    stroke(byHand, at(0, 10), at(0, 10));
    stroke(byHand, at(0, 10), at(10, 10));
    expect(Array.from(viaPath.cells)).toEqual(Array.from(byHand.cells));
  });
});
