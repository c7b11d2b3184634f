import { describe, expect, test } from 'vitest';
import { IMAGE_PIXELS, NUM_CLASSES } from '../../../common/digit.ts';
import { centreLikeMnist } from '../../../common/preprocess.ts';
import { stroke } from '../../../game/state/brush.ts';
import { asInkImage, createGrid } from '../../../game/state/grid.ts';
import { BLANK_PREDICTION, interpret, UNSURE_BELOW } from '../../../game/state/prediction.ts';
import { recognise, type DigitModel } from '../../../game/app/recognise.ts';

const oneHot = (digit: number, p: number): number[] =>
  Array.from({ length: NUM_CLASSES }, (_, d) => (d === digit ? p : (1 - p) / (NUM_CLASSES - 1)));

describe('interpret', () => {
  test.each([
    { probabilities: oneHot(7, 0.98), digit: 7, unsure: false },
    { probabilities: oneHot(3, UNSURE_BELOW), digit: 3, unsure: false },
    { probabilities: oneHot(4, 0.45), digit: 4, unsure: true },
  ])('top digit $digit, unsure $unsure', ({ probabilities, digit, unsure }) => {
    expect(interpret(probabilities)).toMatchObject({ digit, unsure, blank: false });
  });

  test('needs exactly ten probabilities', () => {
    expect(() => interpret([0.5, 0.5])).toThrow(RangeError);
  });
});

describe('recognise', () => {
  /** Records what it was given, answers "7". */
  class FakeModel implements DigitModel {
    seen: Float32Array[] = [];
    classify(pixels: Float32Array): Promise<Float32Array> {
      this.seen.push(pixels);
      return Promise.resolve(Float32Array.from(oneHot(7, 0.9)));
    }
  }
  let clock = 0;
  const now = (): number => (clock += 1);

  test('a blank grid gives no guess and never reaches the model', async () => {
    const model = new FakeModel();
    const result = await recognise(createGrid(28, 28), model, now);
    expect(result.prediction).toBe(BLANK_PREDICTION);
    expect(result.seen).toBeNull();
    expect(model.seen).toHaveLength(0);
  });

  test('the model sees exactly the shared normalisation of the grid', async () => {
    const grid = createGrid(28, 28);
    stroke(grid, { gx: 3, gy: 3 }, { gx: 10, gy: 12 });
    const model = new FakeModel();
    const result = await recognise(grid, model, now);
    const expected = centreLikeMnist(asInkImage(grid));
    if (expected.blank) throw new Error('stroke should not be blank');
    expect(model.seen[0]).toEqual(expected.pixels);
    expect(model.seen[0]).toHaveLength(IMAGE_PIXELS);
    expect(result.prediction.digit).toBe(7);
    expect(result.prediction.reason).toBeNull();
    expect(result.gridVersion).toBe(grid.version);
    expect(result.ms).toBeGreaterThan(0);
  });

  test.each<[string, { gx: number; gy: number }, { gx: number; gy: number }, string]>([
    ['a click', { gx: 14, gy: 14 }, { gx: 14, gy: 14 }, 'too-little'],
    ['a short dash', { gx: 12, gy: 14 }, { gx: 16, gy: 14 }, 'too-little'],
    ['a short tick', { gx: 14, gy: 11 }, { gx: 14, gy: 15 }, 'too-little'],
    ['a long flat line', { gx: 3, gy: 14 }, { gx: 25, gy: 14 }, 'not-a-digit'],
  ])('%s gets no guess, says why, and never reaches the model', async (_, a, b, reason) => {
    const grid = createGrid(28, 28);
    stroke(grid, a, b);
    const model = new FakeModel();
    const result = await recognise(grid, model, now);
    expect(result.prediction).toMatchObject({ digit: null, blank: false, unsure: false, reason });
    expect(result.prediction.probabilities.every((p) => p === 0)).toBe(true);
    expect(result.seen).toBeNull();
    expect(model.seen).toHaveLength(0);
  });

  test('works on a wide grid too (several digits side by side)', async () => {
    const grid = createGrid(112, 28);
    stroke(grid, { gx: 60, gy: 5 }, { gx: 60, gy: 22 });
    const result = await recognise(grid, new FakeModel(), now);
    expect(result.seen).toHaveLength(IMAGE_PIXELS);
  });
});
