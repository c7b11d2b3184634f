import { expect, test } from 'vitest';
import { inkFromBytes } from '../../common/digit.ts';

test('inkFromBytes maps 0..255 to 0..1, into a given array', () => {
  const bytes = Uint8Array.from([0, 51, 255]);
  expect(Array.from(inkFromBytes(bytes))).toEqual([0, Math.fround(0.2), 1]);
  const out = new Float32Array(3).fill(9);
  expect(inkFromBytes(bytes, out)).toBe(out);
  expect(out[2]).toBe(1);
  expect(() => inkFromBytes(bytes, new Float32Array(2))).toThrow(RangeError);
});
