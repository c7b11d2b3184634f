import { describe, expect, test } from 'vitest';
import { describeOutputs, describeShape, layerTitles, type LayerSpec } from '../../../../../game/modes/inside/state/layerNames.ts';

// Names come from what each layer's config says, by the same rules for every model.

const conv = (filters: number, k: number, out: number, strides: [number, number] = [1, 1]): LayerSpec =>
  ({ kind: 'Conv2D', shape: [out, out, filters], filters, window: [k, k], strides, activation: 'relu' });
const pool = (maps: number, out: number, kind = 'MaxPooling2D'): LayerSpec => ({ kind, shape: [out, out, maps], window: [2, 2], strides: [2, 2] });
const dense = (units: number): LayerSpec => ({ kind: 'Dense', shape: [units], units });

describe('layerTitles', () => {
  test.each<[string, LayerSpec[], string[]]>([
    ['the seed: one convolution, not numbered; a hidden dense layer; ten digits', [
      conv(64, 3, 26), { kind: 'BatchNormalization', shape: [26, 26, 64] }, pool(64, 13), { kind: 'Flatten', shape: [10816] },
      dense(128), { kind: 'Dropout', shape: [128], rate: 0.5 }, dense(10),
    ], [
      'Convolution · 64 filters 3x3 ➔ 64 maps 26x26', 'Batch normalisation', 'Pooling · 2x2 ➔ 64 maps 13x13', 'Flatten ➔ 10816 values',
      'Dense · 128 units', 'Dropout · 50 % while training, nothing while playing', 'Dense · 10 digits',
    ]],
    ['the default model: numbered convolutions and poolings, 11 outputs', [
      conv(32, 5, 28), pool(32, 14), conv(48, 3, 14), { kind: 'ReLU', shape: [14, 14, 48] }, conv(48, 3, 14), pool(48, 7), { kind: 'Flatten', shape: [2352] }, dense(11),
    ], [
      'Convolution 1 · 32 filters 5x5 ➔ 32 maps 28x28', 'Pooling 1 · 2x2 ➔ 32 maps 14x14', 'Convolution 2 · 48 filters 3x3 ➔ 48 maps 14x14', 'ReLU',
      'Convolution 3 · 48 filters 3x3 ➔ 48 maps 14x14', 'Pooling 2 · 2x2 ➔ 48 maps 7x7', 'Flatten ➔ 2352 values', 'Dense · 10 digits + not a digit',
    ]],
    ['an imported Keras model: a strided convolution, average pooling, an input layer and a kind we do not know', [
      { kind: 'InputLayer', shape: [28, 28, 1] }, { kind: 'Rescaling', shape: [28, 28, 1] }, conv(16, 3, 13, [2, 2]), pool(16, 6, 'AveragePooling2D'),
      { kind: 'GlobalAveragePooling2D', shape: [16] }, { kind: 'Mystery', shape: [16] }, dense(10),
    ], [
      'Input · 1 map 28x28', 'Rescaling ➔ 1 map 28x28', 'Convolution · 16 filters 3x3, stride 2 ➔ 16 maps 13x13', 'Average pooling · 2x2 ➔ 16 maps 6x6',
      'Global average pooling ➔ 16 values', 'Mystery ➔ 16 values', 'Dense · 10 digits',
    ]],
    ['a last layer that is no digit layer keeps its units', [dense(64), dense(3)], ['Dense 1 · 64 units', 'Dense 2 · 3 units']],
  ])('%s', (_, layers, titles) => {
    expect(layerTitles(layers)).toEqual(titles);
  });
});

test.each<[readonly number[], string]>([[[14, 14, 48], '48 maps 14x14'], [[7, 7, 1], '1 map 7x7'], [[128], '128 values'], [[3, 3, 96].slice(0, 2), '9 values']])('describeShape(%j) is %s', (shape, text) => {
  expect(describeShape(shape)).toBe(text);
});

test.each<[number, string | null]>([[10, '10 digits'], [11, '10 digits + not a digit'], [12, null]])('describeOutputs(%d) is %s', (units, text) => {
  expect(describeOutputs(units)).toBe(text);
});
