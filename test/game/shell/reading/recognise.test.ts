import { describe, expect, test } from 'vitest';
import { IMAGE_PIXELS, NUM_CLASSES } from '../../../../common/digit.ts';
import { centreLikeMnist } from '../../../../common/preprocess.ts';
import { stroke } from '../../../../common/ink/brush.ts';
import { asInkImage, createGrid } from '../../../../common/ink/grid.ts';
import { BLANK_PREDICTION, interpret, UNSURE_BELOW } from '../../../../game/shell/state/prediction.ts';
import { recognise, type DigitModel } from '../../../../game/shell/reading/recognise.ts';

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

  test('needs ten probabilities, or eleven with "not a digit"', () => {
    expect(() => interpret([0.5, 0.5])).toThrow(RangeError);
    expect(interpret([...oneHot(2, 0.9), 0]).digit).toBe(2);
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

  const bigStroke = (): ReturnType<typeof createGrid> => {
    const grid = createGrid(28, 28);
    stroke(grid, { gx: 8, gy: 4 }, { gx: 20, gy: 24 });
    return grid;
  };

  /** A model with the "not a digit" output that gives it `notDigit` and the rest to a 7. */
  class RejectingModel implements DigitModel {
    constructor(private readonly notDigit: number) {}
    classify(): Promise<Float32Array> {
      return Promise.resolve(Float32Array.from([...oneHot(7, 1 - this.notDigit), this.notDigit].map((p, i) => (i < NUM_CLASSES && i !== 7 ? 0 : p))));
    }
  }

  test.each([
    { notDigit: 0.8, threshold: 0.7, digit: null, reason: 'not-a-digit' },
    { notDigit: 0.75, threshold: 0.75, digit: null, reason: 'not-a-digit' },
    { notDigit: 0.6, threshold: 0.7, digit: 7, reason: null },
    { notDigit: 0.05, threshold: 0.7, digit: 7, reason: null },
  ])('"not a digit" at $notDigit against the threshold $threshold: digit $digit', async ({ notDigit, threshold, digit, reason }) => {
    const result = await recognise(bigStroke(), new RejectingModel(notDigit), now, threshold);
    expect(result.prediction).toMatchObject({ digit, reason, blank: false });
  });

  test('a model that is unsure whether it is a digit is also unsure of the digit', async () => {
    const result = await recognise(bigStroke(), new RejectingModel(0.45), now, 0.7);
    expect(result.prediction).toMatchObject({ digit: 7, unsure: true });
    expect(result.prediction.probabilities).toHaveLength(NUM_CLASSES);
  });

  test('works on a wide grid too (several digits side by side)', async () => {
    const grid = createGrid(112, 28);
    stroke(grid, { gx: 60, gy: 5 }, { gx: 60, gy: 22 });
    const result = await recognise(grid, new FakeModel(), now);
    expect(result.seen).toHaveLength(IMAGE_PIXELS);
  });
});
