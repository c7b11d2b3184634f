import { expect, test } from 'vitest';
import { NUM_CLASSES } from '../../../common/digit.ts';
import { assignFolds, foldIndices } from '../../../common/personal/folds.ts';
import { createRandom } from '../../../common/random.ts';

/** labels: `perClass[d]` digits d, in class order */
function labelsOf(perClass: readonly number[]): Uint8Array {
  return Uint8Array.from(perClass.flatMap((count, digit) => new Array<number>(count).fill(digit)));
}

test.each<[string, readonly number[], number]>([
  ['one of each, 5 folds', new Array<number>(NUM_CLASSES).fill(1), 5],
  ['five of each, 5 folds', new Array<number>(NUM_CLASSES).fill(5), 5],
  ['uneven classes, 5 folds', [3, 1, 0, 7, 2, 2, 0, 1, 9, 1], 5],
  ['12 digits, 3 folds', [2, 2, 2, 1, 1, 1, 1, 1, 1, 0], 3],
])('%s: every digit is held out exactly once, folds differ in size by at most one', (_, perClass, folds) => {
  const labels = labelsOf(perClass);
  const fold = assignFolds(labels, folds, createRandom(7));
  const sizes = Array.from({ length: folds }, (_, f) => foldIndices(fold, f, true).length);
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(labels.length);
  expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  for (let f = 0; f < folds; f++) {
    const inside = foldIndices(fold, f, true);
    const outside = foldIndices(fold, f, false);
    expect(inside.length + outside.length).toBe(labels.length);
    expect([...inside].some((i) => outside.includes(i))).toBe(false);
  }
});

test('each class is spread over the folds: five 7s in five folds land one per fold', () => {
  const labels = labelsOf([0, 0, 0, 0, 0, 0, 0, 5, 0, 0]);
  const fold = assignFolds(labels, 5, createRandom(3));
  expect([...fold].sort()).toEqual([0, 1, 2, 3, 4]);
});

test('folds outside 1..255 are refused', () => {
  expect(() => assignFolds(new Uint8Array(3), 0, createRandom(1))).toThrow(RangeError);
});
