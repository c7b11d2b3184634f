import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { IMAGE_PIXELS, IMAGE_SIZE } from '../../common/digit.ts';
import { measureInk } from '../../common/inkCheck.ts';
import { centreLikeMnist, type Preprocessed } from '../../common/preprocess.ts';
import { PIECE_CHANNELS } from '../../common/segmentation/readNumber.ts';
import { aloneVerifierInput, verifierApplies, verifierRejects } from '../../common/verifierReject.ts';
import { asInkImage, createGrid } from '../../common/ink/grid.ts';
import { initBackend } from '../../ml/backend/backend.ts';
import { loadModel } from '../../ml/models/modelFiles.ts';
import { nonDigits, rasterise } from '../../scripts/bench/nonDigits.ts';
import { smallDigitStrokes } from '../../scripts/bench/smallDigits.ts';
import { loadMnistTest } from '../support/mnistTest.ts';
import type { InkImage } from '../../common/digit.ts';

// The shipped piece verifier, asked about drawings alone as free draw asks it: real MNIST test
// digits, MNIST digits redrawn small with the game's brush, and letters drawn with it.

let verifier: tf.LayersModel;
beforeAll(async () => {
  await initBackend('wasm');
  verifier = await loadModel('assets/models/pieces');
});

function normalised(image: InkImage): Extract<Preprocessed, { blank: false }> {
  const result = centreLikeMnist(image);
  if (result.blank) throw new Error('blank drawing');
  return result;
}

/** How many of `images` the rule turns away, as recognise() applies it. */
function rejected(images: readonly InkImage[]): number {
  const asked = images.filter((image) => verifierApplies(measureInk(image)));
  if (asked.length === 0) return 0;
  const input = new Float32Array(asked.length * IMAGE_PIXELS * PIECE_CHANNELS);
  asked.forEach((image, i) => {
    input.set(aloneVerifierInput(normalised(image).pixels), i * IMAGE_PIXELS * PIECE_CHANNELS);
  });
  const verdicts = tf.tidy(() => (verifier.predict(tf.tensor4d(input, [asked.length, IMAGE_SIZE, IMAGE_SIZE, PIECE_CHANNELS])) as tf.Tensor2D).arraySync());
  return verdicts.filter((verdict) => verifierRejects(verdict)).length;
}

describe('the piece verifier as a "not a digit" check', () => {
  test('turns away at most 1 % of 2,000 MNIST test digits', async () => {
    const test = await loadMnistTest();
    const images = Array.from({ length: 2000 }, (_, i): InkImage => {
      const grid = createGrid(IMAGE_SIZE, IMAGE_SIZE);
      grid.cells.set(Float32Array.from(test.images.data.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), (v) => v / 255));
      return asInkImage(grid);
    });
    expect(rejected(images)).toBeLessThanOrEqual(20);
  });

  test('turns away at most 1 % of MNIST digits redrawn 6 and 8 cells tall: a small digit is still read', async () => {
    const test = await loadMnistTest();
    const images = [6, 8].flatMap((height) => Array.from({ length: 200 }, (_, i) => {
      const pixels = Float32Array.from(test.images.data.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), (v) => v / 255);
      return asInkImage(rasterise(smallDigitStrokes(pixels, height)));
    }));
    expect(rejected(images)).toBeLessThanOrEqual(4);
  });

  test('turns away at least 40 % of 200 letters drawn with the brush', () => {
    const letters = nonDigits(200, 1).filter((shape) => shape.kind === 'letter').map((shape) => asInkImage(rasterise(shape.strokes)));
    expect(letters).toHaveLength(200);
    expect(rejected(letters)).toBeGreaterThanOrEqual(80);
  });

  test('the threshold is the rule: a "not one digit" of 0.95 rejects, 0.5 does not', () => {
    expect(verifierRejects([0.95, 0.05, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(true);
    expect(verifierRejects([0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(false);
  });
});
