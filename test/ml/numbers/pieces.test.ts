import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { IMAGE_PIXELS, IMAGE_SIZE } from '../../../common/digit.ts';
import { createRandom } from '../../../common/random.ts';
import { proposeSegments } from '../../../common/segmentation/segment.ts';
import { initBackend } from '../../../ml/backend/backend.ts';
import type { IdxImages } from '../../../ml/data/idx.ts';
import { loadModel } from '../../../ml/models/modelFiles.ts';
import { NOT_ONE_DIGIT, PIECE_CHANNELS, PIECE_CLASSES } from '../../../common/segmentation/readNumber.ts';
import { buildPieceSet, labelPiece, trueDigits } from '../../../ml/numbers/pieces.ts';
import { argMaxRows, predictProbabilities } from '../../../ml/models/predict.ts';
import { composeDigits, syntheticNumber } from '../../../ml/numbers/syntheticNumbers.ts';
import { loadMnistTest } from '../../support/mnistTest.ts';

let images: IdxImages;
let labels: Uint8Array;

beforeAll(async () => {
  await initBackend('wasm');
  ({ images, labels } = await loadMnistTest());
});

describe('piece labels', () => {
  test('in separated numbers each whole digit is labelled with its digit, and a piece spanning two is not one digit', () => {
    const random = createRandom(3);
    let checked = 0;
    for (let n = 0; n < 20; n++) {
      const number = syntheticNumber(images, labels, random, 'separated', 3);
      const truth = trueDigits(images, number);
      const candidates = proposeSegments(number.image).candidates.filter((c) => c.pixels !== null);
      for (const [k, digit] of truth.entries()) {
        const whole = candidates.find((c) => c.box.x0 === digit.inkX0 && c.box.x1 === digit.inkX1);
        if (whole === undefined) continue; // a speck or faint stroke can move the box; the rest must hold
        expect(labelPiece(whole, truth), `${number.text} digit ${k}`).toBe(1 + Number(number.text[k]));
        checked++;
      }
      const spanning = candidates.find((c) => c.box.x0 <= (truth[0]?.inkX0 ?? 0) && c.box.x1 >= (truth[1]?.inkX1 ?? 0));
      if (spanning) expect(labelPiece(spanning, truth)).toBe(NOT_ONE_DIGIT);
    }
    expect(checked).toBeGreaterThanOrEqual(45);
  });

  test('a piece holding a "1" and the digit it touches is not one digit, however much it looks like that digit', () => {
    const ones = [...labels.keys()].filter((i) => labels[i] === 1).slice(0, 12);
    const others = [...labels.keys()].filter((i) => labels[i] !== 1).slice(0, 12);
    let checked = 0;
    for (const [k, one] of ones.entries()) {
      const other = others[k] ?? 0;
      // both orders: a "1" before its neighbour and after it
      for (const indices of [[one, other], [other, one]]) {
        const { image, columns } = composeDigits(images, indices, [{ overlap: 0 }]);
        const number = { image, columns, indices, text: indices.map((i) => String(labels[i])).join('') };
        const truth = trueDigits(images, number);
        const x0 = Math.min(...truth.map((t) => t.inkX0));
        const x1 = Math.max(...truth.map((t) => t.inkX1));
        for (const both of proposeSegments(image).candidates.filter((c) => c.pixels && c.box.x0 <= x0 && c.box.x1 >= x1)) {
          expect(labelPiece(both, truth), `${number.text} (MNIST test ${indices.join(', ')})`).toBe(NOT_ONE_DIGIT);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  test('a training set from real numbers holds both kinds of piece, every label a class of the verifier', () => {
    const set = buildPieceSet(images, labels, createRandom(9), 30);
    const n = set.labels.length;
    expect(n).toBeGreaterThan(100);
    expect(set.pixels.length).toBe(n * IMAGE_PIXELS * PIECE_CHANNELS);
    const notOne = set.labels.filter((l) => l === NOT_ONE_DIGIT).length;
    expect(notOne).toBeGreaterThan(n * 0.3);
    expect(notOne).toBeLessThan(n * 0.95);
    expect(Math.max(...set.labels)).toBeLessThan(PIECE_CLASSES);
  });
});

describe('the shipped piece verifier (assets/models/pieces)', () => {
  // Pieces of numbers made of MNIST test digits, which it never saw (it trains on training digits).
  test('tells one-digit pieces from the rest on unseen digits, and names the digit of most one-digit pieces', async () => {
    const verifier = await loadModel('assets/models/pieces');
    const set = buildPieceSet(images, labels, createRandom(21), 200);
    const input = tf.tensor4d(set.pixels, [set.labels.length, IMAGE_SIZE, IMAGE_SIZE, PIECE_CHANNELS]);
    const predicted = argMaxRows(predictProbabilities(verifier, input), PIECE_CLASSES);
    input.dispose();
    verifier.dispose();
    let oneOrNot = 0;
    let digitRight = 0;
    let digits = 0;
    set.labels.forEach((label, i) => {
      const guess = predicted[i] ?? 0;
      if ((guess === NOT_ONE_DIGIT) === (label === NOT_ONE_DIGIT)) oneOrNot++;
      if (label !== NOT_ONE_DIGIT) {
        digits++;
        if (guess === label) digitRight++;
      }
    });
    console.log(`piece verifier on ${set.labels.length} unseen pieces: one digit or not ${((100 * oneOrNot) / set.labels.length).toFixed(1)} %, digit named ${((100 * digitRight) / digits).toFixed(1)} % of ${digits}`);
    expect(oneOrNot / set.labels.length).toBeGreaterThanOrEqual(0.96);
    expect(digitRight / digits).toBeGreaterThanOrEqual(0.93);
  });
});
