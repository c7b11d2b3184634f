import { describe, expect, test } from 'vitest';
import { IMAGE_PIXELS, NUM_CLASSES } from '../../../../common/digit.ts';
import { centreLikeMnist } from '../../../../common/preprocess.ts';
import { stroke } from '../../../../common/ink/brush.ts';
import { asInkImage, createGrid } from '../../../../common/ink/grid.ts';
import { BLANK_PREDICTION, interpret, UNSURE_BELOW } from '../../../../game/shell/state/prediction.ts';
import { recognise, type DigitModel } from '../../../../game/shell/reading/recognise.ts';
import { aloneVerifierInput } from '../../../../common/verifierReject.ts';

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

  /** A piece verifier that calls everything "not one digit" with probability `notOne`. */
  class FakeVerifier implements DigitModel {
    seen: Float32Array[] = [];
    constructor(private readonly notOne: number) {}
    classify(input: Float32Array): Promise<Float32Array> {
      this.seen.push(input);
      return Promise.resolve(Float32Array.from([this.notOne, ...oneHot(7, 1 - this.notOne)]));
    }
  }
  const bigStroke = (): ReturnType<typeof createGrid> => {
    const grid = createGrid(28, 28);
    stroke(grid, { gx: 8, gy: 4 }, { gx: 20, gy: 24 });
    return grid;
  };

  test('a drawing the piece verifier calls "not one digit" is not a digit, and it saw the drawing alone', async () => {
    const grid = bigStroke();
    const verifier = new FakeVerifier(0.97);
    const result = await recognise(grid, new FakeModel(), now, verifier);
    expect(result.prediction).toMatchObject({ digit: null, reason: 'not-a-digit' });
    const expected = centreLikeMnist(asInkImage(grid));
    if (expected.blank) throw new Error('stroke should not be blank');
    expect(verifier.seen[0]).toEqual(aloneVerifierInput(expected.pixels));
  });

  test('a drawing the verifier takes for a digit is read as the model reads it', async () => {
    const result = await recognise(bigStroke(), new FakeModel(), now, new FakeVerifier(0.3));
    expect(result.prediction).toMatchObject({ digit: 7, reason: null });
  });

  test('a digit drawn small is never put to the verifier', async () => {
    const grid = createGrid(28, 28);
    stroke(grid, { gx: 13, gy: 10 }, { gx: 15, gy: 18 });
    const verifier = new FakeVerifier(0.99);
    const result = await recognise(grid, new FakeModel(), now, verifier);
    expect(verifier.seen).toHaveLength(0);
    expect(result.prediction.digit).toBe(7);
  });

  test('works on a wide grid too (several digits side by side)', async () => {
    const grid = createGrid(112, 28);
    stroke(grid, { gx: 60, gy: 5 }, { gx: 60, gy: 22 });
    const result = await recognise(grid, new FakeModel(), now);
    expect(result.seen).toHaveLength(IMAGE_PIXELS);
  });
});
