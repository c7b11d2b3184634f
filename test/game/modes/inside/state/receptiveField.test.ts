import { describe, expect, test } from 'vitest';
import { fieldOnGrid, padBeforeOf, receptiveField, type FieldStep } from '../../../../../game/modes/inside/state/receptiveField.ts';

const step = (k: number, s: number, pad: number, d = 1): FieldStep => ({ kernel: [k, k], strides: [s, s], dilation: [d, d], padBefore: [pad, pad] });

describe('padBeforeOf: tf padding', () => {
  test.each<[string, number, number, number, number, number, number]>([
    ['same', 28, 28, 5, 1, 1, 2],
    ['same', 14, 14, 3, 1, 1, 1],
    ['same', 28, 14, 3, 2, 1, 0], // total 1: the smaller half (0) before
    ['same', 28, 28, 3, 1, 2, 2],
    ['valid', 28, 26, 3, 1, 1, 0],
  ])('%s in %d out %d kernel %d stride %d dilation %d: %d', (padding, inSize, outSize, k, s, d, pad) => {
    expect(padBeforeOf(padding, inSize, outSize, k, s, d)).toBe(pad);
  });
});

describe('receptiveField', () => {
  test.each<[string, FieldStep[], number, number, { top: number; left: number; bottom: number; right: number }]>([
    ['3x3 valid: output (0,0) reads 0..2', [step(3, 1, 0)], 0, 0, { top: 0, left: 0, bottom: 2, right: 2 }],
    ['3x3 valid: output (5,7) reads 5..7 by 7..9', [step(3, 1, 0)], 5, 7, { top: 5, left: 7, bottom: 7, right: 9 }],
    ['5x5 same at the corner: the padding is no pixel', [step(5, 1, 2)], 0, 0, { top: 0, left: 0, bottom: 2, right: 2 }],
    ['3x3 valid then 2x2 pooling: 4x4', [step(3, 1, 0), step(2, 2, 0)], 3, 3, { top: 6, left: 6, bottom: 9, right: 9 }],
    // the default model to its second pooling: 5x5 same, pool, 3x3 same twice, pool: 2 + 2*(1+1) + 4*1 ... = 20x20 pixels
    ['the default model at its second pooling', [step(5, 1, 2), step(2, 2, 0), step(3, 1, 1), step(3, 1, 1), step(2, 2, 0)], 3, 3,
      { top: 6, left: 6, bottom: 21, right: 21 }],
    ['dilation 2 spreads a 3x3 kernel over 5 pixels', [step(3, 1, 0, 2)], 0, 0, { top: 0, left: 0, bottom: 4, right: 4 }],
    ['a field bigger than the input is clamped to it', [step(5, 1, 2), step(2, 2, 0), step(3, 1, 1), step(3, 1, 1), step(2, 2, 0), step(3, 1, 1), step(3, 1, 1), step(2, 2, 0)], 1, 1,
      { top: 0, left: 0, bottom: 27, right: 27 }],
  ])('%s', (_, steps, row, col, box) => {
    expect(receptiveField(steps, row, col, 28)).toEqual(box);
  });
});

describe('fieldOnGrid: the field through the normalisation', () => {
  const box = { top: 4, left: 6, bottom: 7, right: 9 };
  test('the identity frame gives the same cells', () => {
    expect(fieldOnGrid(box, { scale: 1, offsetX: 0, offsetY: 0 }, 28, 28)).toEqual({ x: 6, y: 4, width: 4, height: 4 });
  });
  test('a drawing shrunk by half and shifted: twice as many cells, shifted back', () => {
    // cell x lands on input [0.5 x + 2, 0.5 (x + 1) + 2): input edge u is cell edge 2 (u - 2)
    expect(fieldOnGrid(box, { scale: 0.5, offsetX: 2, offsetY: 1 }, 28, 28)).toEqual({ x: 8, y: 6, width: 8, height: 8 });
  });
  test('clipped to the grid', () => {
    const cells = fieldOnGrid({ top: 0, left: 0, bottom: 27, right: 27 }, { scale: 0.5, offsetX: 2, offsetY: 2 }, 28, 28);
    expect(cells).toEqual({ x: 0, y: 0, width: 28, height: 28 });
  });
});
