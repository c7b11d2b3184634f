import { expect, test } from 'vitest';
import { divergingColour, paintDiverging, rangeOf, scaleOf } from '../../../../../game/modes/inside/state/colourMap.ts';

test.each([
  [0, 1, 0x0a0c18],
  [1, 1, 0xff9f3a],
  [-1, 1, 0x3a8fff],
  [5, 1, 0xff9f3a],
  [-2, 4, 0x224e8c],
])('divergingColour(%d, %d) = %s', (value, scale, colour) => {
  expect(divergingColour(value, scale)).toBe(colour);
});

test('scale and range are each map\'s own; an all-zero map gets scale 1', () => {
  const values = Float32Array.from([0, 0, -3, 2, 0.5, 0]);
  expect(scaleOf(values, 2, 5)).toBe(3);
  expect(scaleOf(values, 0, 2)).toBe(1);
  expect(rangeOf(values, 2, 5)).toEqual({ min: -3, max: 2 });
  expect(rangeOf(values, 1, 1)).toEqual({ min: 0, max: 0 });
});

test('paintDiverging writes opaque pixels where pixelAt says', () => {
  const rgba = new Uint8ClampedArray(4 * 4);
  paintDiverging(Float32Array.from([9, 1, -1]), 1, 3, 1, rgba, (k) => 3 - k);
  expect(Array.from(rgba.subarray(12, 16))).toEqual([0xff, 0x9f, 0x3a, 255]);
  expect(Array.from(rgba.subarray(8, 12))).toEqual([0x3a, 0x8f, 0xff, 255]);
  expect(Array.from(rgba.subarray(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
});
