import { expect, test } from 'vitest';
import { firstNonFinite, nonFiniteWeight } from '../../common/finiteWeights.ts';

test.each([
  { values: [0, 1.5, -3e38], at: -1 },
  { values: [0, Number.NaN], at: 1 },
  { values: [Number.POSITIVE_INFINITY, 0], at: 0 },
  { values: [1, 2, Number.NEGATIVE_INFINITY], at: 2 },
  { values: [], at: -1 },
])('firstNonFinite($values) is $at', ({ values, at }) => {
  expect(firstNonFinite(Float32Array.from(values))).toBe(at);
});

test('nonFiniteWeight names the first weight holding a value that is not a number, and where', () => {
  const weights = [
    { name: 'conv/kernel', values: Float32Array.from([0.5, -0.25]) },
    { name: 'dense/kernel', values: Float32Array.from([1, 2, Number.NaN]) },
    { name: 'dense/bias', values: Float32Array.from([Number.POSITIVE_INFINITY]) },
  ];
  expect(nonFiniteWeight(weights)).toBe('weight dense/kernel holds NaN at index 2, not a number a model can read with');
  expect(nonFiniteWeight(weights.slice(0, 1))).toBeNull();
});
