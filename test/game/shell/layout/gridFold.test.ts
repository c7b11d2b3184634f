import { expect, test } from 'vitest';
import { lineColumns, lineRect, pointOnFold, screenOfCell, UNFOLDED } from '../../../../game/shell/layout/gridFold.ts';

/** Two lines of 56 x 28 cells of 5 px, 20 px apart: the Number mode's grid on a phone. */
const CELLS = { x: 10, y: 100, width: 280, height: 2 * 140 + 20 };
const TWO = { lines: 2, gap: 20 };

test('unfolded, a point maps linearly onto the whole grid, as before folds existed', () => {
  const rect = { x: 0, y: 0, width: 560, height: 140 };
  expect(pointOnFold(280, 70, rect, 112, 28, UNFOLDED)).toEqual({ point: { gx: 56, gy: 14 }, line: 0 });
  expect(lineColumns(112, UNFOLDED, 0)).toEqual({ from: 0, to: 112 });
  expect(lineRect(rect, UNFOLDED, 0)).toEqual(rect);
});

test('two lines: each holds half the columns, the second 20 px under the first', () => {
  expect(lineColumns(112, TWO, 0)).toEqual({ from: 0, to: 56 });
  expect(lineColumns(112, TWO, 1)).toEqual({ from: 56, to: 112 });
  expect(lineRect(CELLS, TWO, 0)).toEqual({ x: 10, y: 100, width: 280, height: 140 });
  expect(lineRect(CELLS, TWO, 1)).toEqual({ x: 10, y: 260, width: 280, height: 140 });
});

test.each([
  // the first line's top left, and its last column
  [10, 100, { gx: 0, gy: 0 }, 0],
  [287.5, 170, { gx: 55.5, gy: 14 }, 0],
  // the second line starts again at the left, at column 56
  [10, 260, { gx: 56, gy: 0 }, 1],
  [150, 330, { gx: 84, gy: 14 }, 1],
  // in the gap, a point belongs to the nearer line, outside its rows (the brush clips it)
  [150, 245, { gx: 28, gy: 29 }, 0],
  [150, 255, { gx: 84, gy: -1 }, 1],
])('(%s, %s) is cell %o of line %s, and back', (x, y, point, line) => {
  const placed = pointOnFold(x, y, CELLS, 112, 28, TWO);
  expect(placed.line).toBe(line);
  expect(placed.point.gx).toBeCloseTo(point.gx);
  expect(placed.point.gy).toBeCloseTo(point.gy);
  if (point.gy >= 0 && point.gy <= 28) {
    const back = screenOfCell(point.gx, point.gy, CELLS, 112, 28, TWO);
    expect(back.x).toBeCloseTo(x);
    expect(back.y).toBeCloseTo(y);
  }
});
