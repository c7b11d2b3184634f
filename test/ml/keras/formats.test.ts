import { describe, expect, test } from 'vitest';
import { affineOf, describeConversion, NO_CONVERSION } from '../../../ml/keras/inputConversion.ts';
import { sniffContainer } from '../../../ml/keras/sniff.ts';
import { saveableNames, snakeCase } from '../../../ml/keras/weightLayouts.ts';

describe('format sniffing reads the content, not the name', () => {
  const hdf5 = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  test.each([
    { what: 'a zip', bytes: [0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0], expected: 'zip' },
    { what: 'HDF5 at 0', bytes: [...hdf5, 0, 0], expected: 'hdf5' },
    { what: 'HDF5 after a 512-byte user block', bytes: [...new Array<number>(512).fill(0), ...hdf5], expected: 'hdf5' },
  ])('$what', ({ bytes, expected }) => {
    expect(sniffContainer(Uint8Array.from(bytes), 'model.keras')).toBe(expected);
  });
});

describe("Keras's saveable names", () => {
  test.each([
    ['Conv2D', 'conv2d'], ['MaxPooling2D', 'max_pooling2d'], ['BatchNormalization', 'batch_normalization'], ['ReLU', 're_lu'],
    ['LeakyReLU', 'leaky_re_lu'], ['GlobalAveragePooling2D', 'global_average_pooling2d'], ['Dense', 'dense'], ['InputLayer', 'input_layer'],
  ])('%s -> %s', (className, snake) => {
    expect(snakeCase(className)).toBe(snake);
  });
  test('a per-class counter, not the layer names', () => {
    expect(saveableNames(['Conv2D', 'ReLU', 'Conv2D', 'Dense', 'Conv2D', 'Dense'].map((className) => ({ className })))).toEqual(['conv2d', 're_lu', 'conv2d_1', 'dense', 'conv2d_2', 'dense_1']);
  });
});

describe('input conversion as one affine map from the game pixels', () => {
  const apply = (c: Parameters<typeof affineOf>[0], x: number) => {
    const { factor, offset } = affineOf(c);
    return x * factor + offset;
  };
  test.each([
    { c: NO_CONVERSION, x: 0.25, expected: 0.25 },
    { c: { scale: 255, invert: false, mean: 0, std: 1 }, x: 1, expected: 255 },
    { c: { scale: 255, invert: true, mean: 0, std: 1 }, x: 1, expected: 0 },
    { c: { scale: 255, invert: true, mean: 0, std: 1 }, x: 0, expected: 255 },
    { c: { scale: 1, invert: false, mean: 0.1307, std: 0.3081 }, x: 1, expected: (1 - 0.1307) / 0.3081 },
    { c: { scale: 1, invert: true, mean: 0.5, std: 0.5 }, x: 0, expected: 1 },
  ])('$c.scale $c.invert $c.mean $c.std at $x', ({ c, x, expected }) => {
    expect(apply(c, x)).toBeCloseTo(expected, 10);
  });
  test('described for metadata', () => {
    expect(describeConversion({ scale: 255, invert: true, mean: 0, std: 1 })).toBe('pixels x 255, inverted (black ink on white)');
  });
});
