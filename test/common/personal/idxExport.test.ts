import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { IMAGE_PIXELS } from '../../../common/digit.ts';
import { encodeIdx } from '../../../common/personal/idxExport.ts';
import { readIdxPair } from '../../../ml/data/idxPair.ts';

describe('encodeIdx', () => {
  test('the export round-trips through the reader npm run evaluate and finetune use', async () => {
    const n = 3;
    const images = new Float32Array(n * IMAGE_PIXELS).map((_, i) => (i % 256) / 255);
    const labels = Uint8Array.from([7, 0, 9]);
    const files = encodeIdx({ images, labels });
    const dir = await mkdtemp(join(tmpdir(), 'idx-export-'));
    try {
      await writeFile(join(dir, 'images.idx'), files.images);
      await writeFile(join(dir, 'labels.idx'), files.labels);
      const pair = await readIdxPair(join(dir, 'images.idx'), join(dir, 'labels.idx'));
      expect([pair.images.count, pair.images.height, pair.images.width]).toEqual([n, 28, 28]);
      expect(Array.from(pair.labels)).toEqual([7, 0, 9]);
      expect(Array.from(pair.images.data)).toEqual(Array.from(images, (v) => Math.round(v * 255)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('byte images of another size are written as they are', async () => {
    const files = encodeIdx({ images: Uint8Array.from([0, 255, 128, 1, 2, 3]), labels: Uint8Array.from([4]), width: 3, height: 2 });
    const dir = await mkdtemp(join(tmpdir(), 'idx-export-'));
    try {
      await writeFile(join(dir, 'i'), files.images);
      await writeFile(join(dir, 'l'), files.labels);
      const pair = await readIdxPair(join(dir, 'i'), join(dir, 'l'));
      expect([pair.images.width, pair.images.height]).toEqual([3, 2]);
      expect(Array.from(pair.images.data)).toEqual([0, 255, 128, 1, 2, 3]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test.each([
    [{ images: new Float32Array(IMAGE_PIXELS + 1), labels: Uint8Array.from([1]) }, '1 labels need 784 pixels of 28x28, got 785'],
    [{ images: new Float32Array(IMAGE_PIXELS), labels: Uint8Array.from([10]) }, 'label 10 at index 0 is not a digit 0..9'],
  ])('refuses a bad set: %#', (source, message) => {
    expect(() => encodeIdx(source)).toThrow(message);
  });
});
