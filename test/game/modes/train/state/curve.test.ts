import { expect, test } from 'vitest';
import { addPoint, extentOf, toUnit, type Curve } from '../../../../../game/modes/train/state/curve.ts';
import { filterShades } from '../../../../../game/modes/train/state/filterShades.ts';
import { readGuess } from '../../../../../game/modes/train/state/trainGuess.ts';

test('a long curve is thinned to every other point, keeping its first and newest', () => {
  let curve: Curve = [];
  for (let i = 0; i < 9; i++) curve = addPoint(curve, { x: i, y: i }, 8);
  expect(curve.map((p) => p.x)).toEqual([0, 2, 4, 6, 8]);
  expect(addPoint(curve, { x: 9, y: Number.NaN }, 8)).toBe(curve);
});

test('the extent spans at least the minimum time and the highest point; points map into the chart', () => {
  const curve: Curve = [{ x: 0, y: 3 }, { x: 4, y: 1 }];
  const extent = extentOf(curve, 10, 0, Math.log(10));
  expect(extent).toEqual({ xMax: 10, yMin: 0, yMax: 3 });
  expect(toUnit(curve, extent)).toEqual([{ x: 0, y: 1 }, { x: 0.4, y: 1 / 3 }]);
  expect(extentOf([{ x: 25, y: 0.5 }], 10, 0, 1).xMax).toBe(25);
});

test.each<[number[], number[]]>([
  [[-1, 0, 1], [0, 0.5, 1]],
  [[2, 2], [0.5, 0.5]],
  [[0, 4, 1], [0, 1, 0.25]],
])('filter weights %j shade as %j (lowest black, highest white)', (weights, shades) => {
  expect(Array.from(filterShades(Float32Array.from(weights)))).toEqual(shades);
});

test('the guess is the top digit, sure from the same confidence as free draw; none for a blank drawing', () => {
  const guess = readGuess(Float32Array.from([0.01, 0.02, 0.9, 0.07, 0, 0, 0, 0, 0, 0]));
  expect(guess?.digit).toBe(2);
  expect(guess?.sure).toBe(true);
  expect(readGuess(Float32Array.from([0.3, 0.2, 0.25, 0.25, 0, 0, 0, 0, 0, 0]))?.sure).toBe(false);
  expect(readGuess(null)).toBeNull();
});
