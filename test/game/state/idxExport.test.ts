import { expect, test } from 'vitest';
import { IMAGE_PIXELS, NUM_CLASSES } from '../../../common/digit.ts';
import { encodeIdxImages, encodeIdxLabels } from '../../../game/state/idxExport.ts';
import { asImages, asLabels, parseIdx } from '../../../ml/data/idx.ts';

test('the export round-trips through evaluate\'s IDX reader', () => {
  const pixels = Float32Array.from({ length: 3 * IMAGE_PIXELS }, (_, i) => (i % 256) / 255);
  const labels = Uint8Array.from([0, 4, 9]);
  const images = asImages(parseIdx(encodeIdxImages(pixels, 3, 28, 28), 'images'), 'images');
  expect([images.count, images.width, images.height]).toEqual([3, 28, 28]);
  expect(Array.from(images.data)).toEqual(Array.from(pixels, (v) => Math.round(v * 255)));
  expect(asLabels(parseIdx(encodeIdxLabels(labels), 'labels'), 'labels', NUM_CLASSES)).toEqual(labels);
});

test('ink outside 0..1 is clamped, and a wrong pixel count refused', () => {
  const bytes = encodeIdxImages(Float32Array.from([-1, 2, ...new Array<number>(IMAGE_PIXELS - 2).fill(0)]), 1, 28, 28);
  expect(Array.from(bytes.subarray(16, 18))).toEqual([0, 255]);
  expect(() => encodeIdxImages(new Float32Array(5), 1, 28, 28)).toThrow('1 images of 28x28 need 784 values, got 5');
});
