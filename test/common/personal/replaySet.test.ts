import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { IMAGE_PIXELS } from '../../../common/digit.ts';
import { countPerClass } from '../../../common/personal/examples.ts';
import { REPLAY_PATH, decodeReplay, encodeReplay } from '../../../common/personal/replaySet.ts';
import { centreLikeMnist } from '../../../common/preprocess.ts';
import { inkImage } from '../../../common/digit.ts';

describe('replay set', () => {
  test('the shipped asset holds 200 preprocessed digits of each class', async () => {
    const replay = decodeReplay(new Uint8Array(await readFile(join('assets', REPLAY_PATH))));
    expect(countPerClass(replay.labels)).toEqual(new Array<number>(10).fill(200));
    // preprocessed as the game feeds the model: preprocessing it again changes it by at most rounding
    const first = replay.images.subarray(0, IMAGE_PIXELS);
    const again = centreLikeMnist(inkImage(28, 28, Float32Array.from(first)));
    if (again.blank) throw new Error('the first replay digit is blank');
    const mean = again.pixels.reduce((sum, v, i) => sum + Math.abs(v - (first[i] ?? 0)), 0) / IMAGE_PIXELS;
    expect(mean).toBeLessThan(0.02);
  });

  test('round-trips within a byte of ink', () => {
    const images = new Float32Array(2 * IMAGE_PIXELS).map((_, i) => (i % 97) / 96);
    const decoded = decodeReplay(encodeReplay({ images, labels: Uint8Array.from([3, 9]) }));
    expect(Array.from(decoded.labels)).toEqual([3, 9]);
    decoded.images.forEach((v, i) => {
      expect(Math.abs(v - (images[i] ?? 0))).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
    });
  });

  const good = encodeReplay({ images: new Float32Array(IMAGE_PIXELS), labels: Uint8Array.from([1]) });
  test.each([
    [good.subarray(0, 5), 'shorter than its header'],
    [Uint8Array.from([...good.subarray(0, 3), 0x21, ...good.subarray(4)]), 'wrong magic bytes'],
    [Uint8Array.from([...good.subarray(0, 4), 9, ...good.subarray(5)]), 'format version 9'],
    [good.subarray(0, good.length - 1), 'truncated'],
    [Uint8Array.from([...good, 0]), 'trailing data'],
    [Uint8Array.from([...good.subarray(0, 9), 12, ...good.subarray(10)]), 'label 12 at index 0'],
  ])('refuses a bad file: %#', (bytes, message) => {
    expect(() => decodeReplay(bytes)).toThrow(message);
  });
});
