import { beforeAll, describe, expect, test } from 'vitest';
import { IMAGE_SIZE, inkImage } from '../../common/digit.ts';
import { checkInk, MIN_EXTENT, type InkVerdict } from '../../common/inkCheck.ts';
import { createRandom } from '../../common/random.ts';
import { asInkImage } from '../../common/ink/grid.ts';
import { makeShape, rasterise, type PenStroke } from '../../scripts/bench/nonDigits.ts';
import { smallDigitStrokes } from '../../scripts/bench/smallDigits.ts';
import { loadMnistTest } from '../support/mnistTest.ts';
import type { MnistSplit } from '../../ml/data/mnist.ts';

const verdictOf = (strokes: readonly PenStroke[]): InkVerdict => checkInk(asInkImage(rasterise(strokes)));

describe('too little ink for a digit', () => {
  test.each<[string, PenStroke[]]>([
    ['a click', [[{ gx: 14, gy: 14 }]]],
    ['a click in a corner', [[{ gx: 2, gy: 25 }]]],
    ['three clicks far apart', [[{ gx: 4, gy: 4 }], [{ gx: 24, gy: 14 }], [{ gx: 10, gy: 24 }]]],
    ['a short dash', [[{ gx: 10, gy: 14 }, { gx: 14, gy: 14.5 }]]],
    ['a short tick', [[{ gx: 14, gy: 10 }, { gx: 14.5, gy: 14 }]]],
    ['a check mark', [[{ gx: 11, gy: 13 }, { gx: 13, gy: 15 }, { gx: 16, gy: 11 }]]],
  ])('%s', (_, strokes) => {
    expect(verdictOf(strokes)).toBe('too-little');
  });

  test('a blank image', () => {
    expect(checkInk(inkImage(IMAGE_SIZE, IMAGE_SIZE))).toBe('too-little');
  });

  test('every synthetic dot, and every dash and tick shorter than a digit', () => {
    const random = createRandom(7);
    for (let i = 0; i < 50; i++) {
      const dot = makeShape('dot', random);
      expect(verdictOf(dot.strokes), dot.label).toBe('too-little');
    }
    const short = (length: number, angle: number): PenStroke[] => [[{ gx: 12, gy: 12 }, { gx: 12 + length * Math.cos(angle), gy: 12 + length * Math.sin(angle) }]];
    for (const angle of [0, 0.4, Math.PI / 4, Math.PI / 2, 2]) {
      for (const length of [1, 2, 3, 4, 5]) expect(verdictOf(short(length, angle)), `length ${length}, angle ${angle}`).toBe('too-little');
    }
  });
});

test('a long flat line is no digit', () => {
  expect(verdictOf([[{ gx: 4, gy: 14 }, { gx: 24, gy: 15 }]])).toBe('not-a-digit');
});

test('a dash 6 to 10 cells long, level or slanting less than a digit is tall, is no digit', () => {
  // 6 cells level is 10 across with the rim, 4 down: flatness 2.5, not above MAX_FLATNESS
  for (const length of [6, 7, 8, 10]) {
    for (const drop of [0, 0.5, 1, 2, 3, 4]) {
      expect(verdictOf([[{ gx: 11, gy: 14 }, { gx: 11 + length, gy: 14 + drop }]]), `length ${length}, drop ${drop}`).toBe('not-a-digit');
    }
  }
});

describe('digits are read', () => {
  let mnist: MnistSplit;
  beforeAll(async () => {
    mnist = await loadMnistTest();
  });
  const digitAt = (index: number): Float32Array =>
    Float32Array.from(mnist.images.data.subarray(index * IMAGE_SIZE * IMAGE_SIZE, (index + 1) * IMAGE_SIZE * IMAGE_SIZE), (v) => v / 255);

  test('the first 2,000 MNIST test digits as they are', () => {
    const rejected: number[] = [];
    for (let i = 0; i < 2_000; i++) if (checkInk(inkImage(IMAGE_SIZE, IMAGE_SIZE, digitAt(i))) !== 'digit') rejected.push(i);
    expect(rejected).toEqual([]);
  });

  test.each([8, 10])('the first 300 MNIST test digits drawn small, %i cells tall, with the game brush', (height) => {
    const rejected: number[] = [];
    for (let i = 0; i < 300; i++) if (verdictOf(smallDigitStrokes(digitAt(i), height)) !== 'digit') rejected.push(i);
    expect(rejected).toEqual([]);
  });

  test('a plain "1" just tall enough', () => {
    expect(verdictOf([[{ gx: 14, gy: 10 }, { gx: 14, gy: 10 + MIN_EXTENT - 2 }]])).toBe('digit');
  });
});
