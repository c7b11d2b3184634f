import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { IMAGE_PIXELS } from '../../../common/digit.ts';
import { countPerClass } from '../../../common/personal/examples.ts';
import { crc32 } from '../../../common/train/crc32.ts';
import { decodeTrainingSet, encodeTrainingSet, TRAINING_SET_PATH } from '../../../common/train/trainingSet.ts';

const pixels = (n: number): Float32Array => new Float32Array(n * IMAGE_PIXELS).map((_, i) => (i % 255) / 255);
const SMALL = encodeTrainingSet({
  train: { images: pixels(3), labels: Uint8Array.from([1, 2, 3]) },
  heldOut: { images: pixels(2), labels: Uint8Array.from([7, 0]) },
});

describe('CRC-32', () => {
  test.each([
    ['', 0],
    ['123456789', 0xcbf43926],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ])('of %j is the standard check value', (text, expected) => {
    expect(crc32(new TextEncoder().encode(text))).toBe(expected);
  });
});

describe('training set', () => {
  test('the shipped asset holds 400 training and 100 held-out digits of each class', async () => {
    const set = decodeTrainingSet(new Uint8Array(await readFile(join('assets', TRAINING_SET_PATH))));
    expect(countPerClass(set.train.labels)).toEqual(new Array<number>(10).fill(400));
    expect(countPerClass(set.heldOut.labels)).toEqual(new Array<number>(10).fill(100));
    expect(set.train.images.length).toBe(4000 * IMAGE_PIXELS);
  });

  test('round-trips both parts within a byte of ink', () => {
    const set = decodeTrainingSet(SMALL);
    expect(Array.from(set.train.labels)).toEqual([1, 2, 3]);
    expect(Array.from(set.heldOut.labels)).toEqual([7, 0]);
    const source = pixels(2);
    set.heldOut.images.forEach((v, i) => { expect(Math.abs(v - (source[i] ?? 0))).toBeLessThanOrEqual(0.5 / 255 + 1e-6); });
  });

  test.each<[string, (bytes: Uint8Array) => Uint8Array, RegExp]>([
    ['one pixel byte changed', (b) => { const c = b.slice(); c[c.length - 5] = (c[c.length - 5] ?? 0) ^ 1; return c; }, /checksum mismatch/],
    ['a label changed', (b) => { const c = b.slice(); c[20] = (c[20] ?? 0) ^ 2; return c; }, /checksum mismatch/],
    ['cut short', (b) => b.subarray(0, b.length - 100), /checksum mismatch/],
    ['only a header', (b) => b.subarray(0, 8), /shorter than its header/],
    ['another file', () => new TextEncoder().encode('<!doctype html><title>404</title>'), /wrong magic bytes/],
    ['a newer format', (b) => { const c = b.slice(); c[4] = 2; return c; }, /format version 2/],
  ])('refuses a file %s, saying why', (_, damage, why) => {
    expect(() => decodeTrainingSet(damage(SMALL))).toThrow(why);
  });
});
