import { describe, expect, test } from 'vitest';
import { formatConfusion, percent, score } from '../../../ml/eval/metrics.ts';

describe('score', () => {
  test.each([
    {
      name: 'all right',
      predicted: [0, 1, 2],
      truth: [0, 1, 2],
      classes: 3,
      accuracy: 1,
      perClass: [1, 1, 1],
      confusion: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    },
    {
      name: 'one of four wrong, class 2 never seen',
      predicted: [0, 0, 1, 1],
      truth: [0, 1, 1, 1],
      classes: 3,
      accuracy: 0.75,
      perClass: [1, 2 / 3, Number.NaN],
      confusion: [
        [1, 0, 0],
        [1, 2, 0],
        [0, 0, 0],
      ],
    },
    {
      name: 'all wrong',
      predicted: [1, 0],
      truth: [0, 1],
      classes: 2,
      accuracy: 0,
      perClass: [0, 0],
      confusion: [
        [0, 1],
        [1, 0],
      ],
    },
    {
      name: 'empty',
      predicted: [],
      truth: [],
      classes: 2,
      accuracy: Number.NaN,
      perClass: [Number.NaN, Number.NaN],
      confusion: [
        [0, 0],
        [0, 0],
      ],
    },
  ])('$name', ({ predicted, truth, classes, accuracy, perClass, confusion }) => {
    const scores = score(predicted, truth, classes);
    expect(scores.n).toBe(truth.length);
    // toEqual treats NaN as equal to NaN, so an empty class must come out as NaN, not 0.
    expect(scores.accuracy).toEqual(accuracy);
    expect(scores.perClass).toEqual(perClass);
    expect(scores.confusion).toEqual(confusion);
  });

  test('rows are true labels, columns predictions, and the counts sum to n', () => {
    const truth = Uint8Array.from([3, 3, 3, 5, 9]);
    const predicted = Uint8Array.from([3, 5, 3, 5, 4]);
    const { confusion, perClass, accuracy } = score(predicted, truth);
    expect(confusion).toHaveLength(10);
    expect(confusion[3]?.[5]).toBe(1);
    expect(confusion[5]?.[3]).toBe(0);
    expect(confusion[9]?.[4]).toBe(1);
    expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(5);
    expect(perClass[3]).toBeCloseTo(2 / 3);
    expect(perClass[9]).toBe(0);
    expect(accuracy).toBe(0.6);
  });

  test.each([
    [[1, 2], [1]],
    [[], [0]],
  ])('%j predictions for %j labels is refused', (predicted, truth) => {
    expect(() => score(predicted, truth)).toThrow(RangeError);
    expect(() => score(predicted, truth)).toThrow(`${predicted.length} predictions for ${truth.length} labels`);
  });

  // Counted, such an entry would lower the accuracy without a row in the confusion matrix to show why.
  test.each([
    [[1, 10], [1, 2], 'label 2 or prediction 10 at index 1 is not in 0..9'],
    [[1, 2], [12, 2], 'label 12 or prediction 1 at index 0 is not in 0..9'],
    [[-1], [0], 'label 0 or prediction -1 at index 0 is not in 0..9'],
  ])('%j predictions for %j labels: a class out of range is refused', (predicted, truth, message) => {
    expect(() => score(predicted, truth)).toThrow(message);
  });
});

describe('formatting', () => {
  test.each([
    [0.99456, 2, '99.46 %'],
    [1, 1, '100.0 %'],
    [0, 2, '0.00 %'],
  ])('percent(%d, %d) = %s', (fraction, digits, text) => {
    expect(percent(fraction, digits)).toBe(text);
  });

  test('formatConfusion prints a header and one row per true class', () => {
    const lines = formatConfusion([
      [5, 0],
      [1, 12],
    ]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^true\\pred\s+0\s+1$/);
    expect(lines[2]).toMatch(/^\s+1\s+1\s+12$/);
  });
});
