import { expect, test } from 'vitest';
import type { MapsLayer } from '../../../../../game/modes/inside/state/insideLayers.ts';
import { pixelStory, shortTitle, valueAt, windowRead } from '../../../../../game/modes/inside/state/pixelStory.ts';

const step = (k: number, s: number, pad: number) => ({ kernel: [k, k] as const, strides: [s, s] as const, dilation: [1, 1] as const, padBefore: [pad, pad] as const });
const conv1: MapsLayer = { name: 'c1', title: 'Convolution 1 · 32 filters 5x5 ➔ 32 maps 28x28', kind: 'Conv2D', height: 28, width: 28, maps: 32, steps: [step(5, 1, 2)], reads: -1, then: '' };
const pool1: MapsLayer = { name: 'p1', title: 'Pooling 1 · 2x2 ➔ 32 maps 14x14', kind: 'MaxPooling2D', height: 14, width: 14, maps: 32, steps: [step(5, 1, 2), step(2, 2, 0)], reads: 0, then: '' };
const conv2: MapsLayer = { name: 'c2', title: 'Convolution 2 · 48 filters 3x3 ➔ 48 maps 14x14', kind: 'Conv2D', height: 14, width: 14, maps: 48, steps: [step(5, 1, 2), step(2, 2, 0), step(3, 1, 1)], reads: 1, then: 'batch normalisation, then ReLU' };
const layers = [conv1, pool1, conv2];

test('shortTitle keeps the name before the first ·', () => {
  expect(shortTitle(conv2.title)).toBe('Convolution 2');
});

test('valueAt reads channel-last', () => {
  const values = new Float32Array(14 * 14 * 32);
  values[(3 * 14 + 4) * 32 + 7] = 0.5;
  expect(valueAt(pool1, values, { layer: 1, map: 7, row: 3, col: 4 })).toBe(0.5);
});

test('a pooling pixel reads its 2x2 window of the layer before', () => {
  expect(windowRead(layers, { layer: 1, map: 0, row: 3, col: 4 })).toEqual({ top: 6, left: 8, bottom: 7, right: 9 });
});

test.each<[string, number, { size: readonly [number, number]; slices: Float32Array[]; bias: number | null; activation: string } | null, string[]]>([
  ['the first convolution: a patch of the input times the filter, then ReLU', 0, { size: [5, 5], slices: [new Float32Array(25)], bias: -0.25, activation: 'relu' }, [
    'map 3 of 32, row 2, column 6: 0.420',
    "= the 5x5 patch of the input the model sees times this map's 5x5 filter, summed, − 0.250 (bias), then ReLU (a negative sum becomes 0)",
    'it looks at 4x5 pixels of the 28x28 input: the outlined part of your drawing',
  ]],
  ['a pooling: the largest of a window', 1, null, [
    'map 3 of 32, row 2, column 6: 0.420',
    '= the largest of rows 3–4, columns 11–12 of map 3 of Convolution 1',
    'it looks at 6x6 pixels of the 28x28 input: the outlined part of your drawing',
  ]],
  ['a deeper convolution: a slice per map it reads, and what comes after it', 2, { size: [3, 3], slices: Array.from({ length: 32 }, () => new Float32Array(9)), bias: 0.1, activation: 'linear' }, [
    'map 3 of 48, row 2, column 6: 0.420',
    "= for each of the 32 maps of Pooling 1, its 3x3 patch times that map's slice of the filter, all summed, + 0.100 (bias)",
    'the next layer reads it after batch normalisation, then ReLU',
    // rows -2..7 of the input, of which the first two are padding
    'it looks at 8x10 pixels of the 28x28 input: the outlined part of your drawing',
  ]],
])('%s', (_, layer, filter, lines) => {
  expect(pixelStory(layers, { layer, map: 2, row: 1, col: 5 }, 0.42, filter)).toEqual(lines);
});
