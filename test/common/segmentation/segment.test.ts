import { beforeAll, describe, expect, test } from 'vitest';
import { labelComponents } from '../../../common/segmentation/components.ts';
import { inkImage, NUM_CLASSES, type InkImage } from '../../../common/digit.ts';
import { groupComponents } from '../../../common/segmentation/groups.ts';
import { stroke, type GridPoint } from '../../../common/ink/brush.ts';
import { asInkImage, createGrid } from '../../../common/ink/grid.ts';
import { NOT_ONE_DIGIT, PIECE_CLASSES, chooseSegmentation, readNumber, type ClassifyBatch } from '../../../common/segmentation/readNumber.ts';
import { INK_THRESHOLD, proposeSegments, type Candidate } from '../../../common/segmentation/segment.ts';
import type { IdxImages } from '../../../ml/data/idx.ts';
import { initBackend } from '../../../ml/backend/backend.ts';
import { classifierOf } from '../../../ml/numbers/numbers.ts';
import { composeDigits } from '../../../ml/numbers/syntheticNumbers.ts';
import { loadMnistTest } from '../../support/mnistTest.ts';
import { loadShippedModel } from '../../support/shippedModel.ts';

let images: IdxImages;
let labels: Uint8Array;
let classify: ClassifyBatch;


/** Test-set indices of digit `label` that the model reads correctly on their own, in file order:
 * the tests below are about segmentation, not about the few digits the classifier gets wrong. */
async function readableIndices(label: number, count: number, from = 0): Promise<number[]> {
  const found: number[] = [];
  for (let i = from; i < labels.length && found.length < count; i++) {
    if (labels[i] !== label) continue;
    const reading = await readNumber(composeDigits(images, [i], []).image, classify);
    if (reading.text === String(label)) found.push(i);
  }
  return found;
}

async function indicesFor(text: string): Promise<number[]> {
  const used = new Map<string, number>();
  const indices: number[] = [];
  for (const char of text) {
    const nth = used.get(char) ?? 0;
    used.set(char, nth + 1);
    const index = (await readableIndices(Number(char), nth + 1))[nth];
    if (index === undefined) throw new Error(`no readable ${char} in the test set`);
    indices.push(index);
  }
  return indices;
}

/** Soft round pen, like a brush: full ink within `radius`, fading over one more pixel. */
function drawStrokes(width: number, strokes: readonly (readonly [number, number])[][], radius = 1.3): InkImage {
  const image = inkImage(width, 28);
  for (const stroke of strokes) {
    for (let k = 0; k + 1 < stroke.length; k++) {
      const [ax, ay] = stroke[k] ?? [0, 0];
      const [bx, by] = stroke[k + 1] ?? [0, 0];
      const steps = Math.ceil(Math.hypot(bx - ax, by - ay) * 4) + 1;
      for (let s = 0; s <= steps; s++) {
        const cx = ax + ((bx - ax) * s) / steps;
        const cy = ay + ((by - ay) * s) / steps;
        for (let y = Math.floor(cy - radius - 1); y <= Math.ceil(cy + radius + 1); y++) {
          for (let x = Math.floor(cx - radius - 1); x <= Math.ceil(cx + radius + 1); x++) {
            if (x < 0 || y < 0 || x >= width || y >= 28) continue;
            const ink = Math.min(1, Math.max(0, radius + 1 - Math.hypot(x - cx, y - cy)));
            image.pixels[y * width + x] = Math.max(image.pixels[y * width + x] ?? 0, ink);
          }
        }
      }
    }
  }
  return image;
}

const shift = (stroke: [number, number][], dx: number): [number, number][] => stroke.map(([x, y]) => [x + dx, y]);
const fourStrokes = (dx: number): [number, number][][] => [
  shift([[3, 4], [1, 16], [8, 16]], dx),
  shift([[14, 4], [13, 24]], dx),
];
const fiveStrokes = (dx: number): [number, number][][] => [
  shift([[2, 5], [2, 13], [7, 12], [11, 15], [11, 20], [7, 24], [1, 22]], dx),
  shift([[7, 3], [14, 3]], dx),
];

function componentCount(image: InkImage): number {
  return labelComponents(image, INK_THRESHOLD).components.length;
}

describe('readNumber with the shipped model', () => {
  beforeAll(async () => {
    await initBackend('wasm');
    ({ images, labels } = await loadMnistTest());
    classify = classifierOf(await loadShippedModel());
  });

  test('a blank canvas reads as no digits', async () => {
    expect(await readNumber(inkImage(112, 28), classify)).toEqual({ digits: [], text: '' });
  });

  test.each<[string, readonly (readonly GridPoint[])[]]>([
    ['a lone speck', [[{ gx: 50, gy: 14 }]]],
    ['two specks far apart', [[{ gx: 20, gy: 10 }], [{ gx: 80, gy: 18 }]]],
    ['a short dash', [[{ gx: 40, gy: 14 }, { gx: 44, gy: 14 }]]],
  ])('%s on an empty canvas is no digit (common/inkCheck.ts)', async (_, strokes) => {
    const grid = createGrid(112, 28);
    for (const path of strokes) for (const [i, point] of path.entries()) stroke(grid, path[i - 1] ?? point, point);
    expect(await readNumber(asInkImage(grid), classify)).toEqual({ digits: [], text: '' });
  });

  test.each(['31415926', '2026', '70'])('separated MNIST digits "%s" are read with a box each', async (text) => {
    const composed = composeDigits(images, await indicesFor(text), Array.from({ length: text.length - 1 }, (_, k) => ({ gap: 1 + (k % 4) })));
    const reading = await readNumber(composed.image, classify);
    expect(reading.text).toBe(text);
    reading.digits.forEach((digit, k) => {
      const columns = composed.columns[k];
      expect(digit.box.x0).toBeGreaterThanOrEqual(columns?.left ?? NaN);
      expect(digit.box.x1).toBeLessThan(columns?.right ?? NaN);
      expect(digit.confidence).toBe(Math.max(...digit.probabilities));
    });
  });

  test('a 4 written in two strokes that do not touch is one digit', async () => {
    const image = drawStrokes(40, fourStrokes(12));
    expect(componentCount(image)).toBe(2);
    expect((await readNumber(image, classify)).text).toBe('4');
  });

  test('a 5 with its top bar written separately is one digit', async () => {
    const image = drawStrokes(40, fiveStrokes(12));
    expect(componentCount(image)).toBe(2);
    expect((await readNumber(image, classify)).text).toBe('5');
  });

  test('multi-stroke digits side by side: "454"', async () => {
    const image = drawStrokes(80, [...fourStrokes(6), ...fiveStrokes(28), ...fourStrokes(50)]);
    expect(componentCount(image)).toBe(6);
    expect((await readNumber(image, classify)).text).toBe('454');
  });

  test.each([
    { pair: '00', label: 0 },
    { pair: '11', label: 1 },
  ])('touching $pair from MNIST is split in two', async ({ pair, label }) => {
    const candidates = await readableIndices(label, 10);
    let read = 0;
    for (let k = 0; k + 1 < candidates.length; k += 2) {
      const composed = composeDigits(images, [candidates[k] ?? 0, candidates[k + 1] ?? 0], [{ overlap: 0 }]);
      expect(componentCount(composed.image)).toBe(1);
      if ((await readNumber(composed.image, classify)).text === pair) read++;
    }
    // Five different pairs; the classifier may be unsure of one odd pairing, not more.
    expect(read).toBeGreaterThanOrEqual(4);
  });

  test('specks around a number are ignored', async () => {
    const text = '2026';
    const composed = composeDigits(images, await indicesFor(text), [{ gap: 4 }, { gap: 4 }, { gap: 4 }]);
    const { width, pixels } = composed.image;
    const specks: [number, number][] = [[1, 1], [width - 2, 26], [Math.floor(width / 2), 0], [20, 27]];
    for (const [x, y] of specks) pixels[y * width + x] = 1;
    pixels[27 * width + 21] = 0.6;
    const reading = await readNumber(composed.image, classify);
    expect(reading.text).toBe(text);
  });
});

describe('segmentation mechanics', () => {
  test('strokes sharing columns are merged; specks dropped', () => {
    const image = drawStrokes(60, [...fiveStrokes(4), [[40, 10], [40, 10]]]);
    const groups = groupComponents(labelComponents(image, INK_THRESHOLD).components);
    expect(groups).toHaveLength(1);
  });

  // A deterministic fake classifier, for mechanics only: it is "sure" of exactly the pieces named.
  test('the reading chosen is the path whose pieces the classifier is most confident about', () => {
    const image = drawStrokes(60, [[[5, 5], [5, 23]], [[5, 14], [30, 14]], [[30, 5], [30, 23]]], 0.7);
    const proposal = proposeSegments(image);
    const withPixels = proposal.candidates.filter((c) => c.pixels !== null);
    const wholeBlob = (c: Candidate): boolean => c.box.x0 <= 5 && c.box.x1 >= 30;
    const sure = (confidentInWhole: boolean) =>
      withPixels.map((c) => (wholeBlob(c) === confidentInWhole ? onehot(0.99, wholeBlob(c) ? 8 : 1) : uniform()));
    expect(chooseSegmentation(proposal, sure(true)).digits).toHaveLength(1);
    const split = chooseSegmentation(proposal, sure(false));
    expect(split.digits.length).toBeGreaterThan(1);
    expect(split.text).toMatch(/^1+$/);
  });

  test("each piece carries the other ink around it, in the piece's own frame", () => {
    const image = drawStrokes(60, [[[5, 5], [5, 23]], [[5, 14], [30, 14]], [[30, 5], [30, 23]]], 0.7);
    const withPixels = proposeSegments(image).candidates.filter((c) => c.pixels !== null);
    const sum = (values: Float32Array | null) => (values ?? new Float32Array()).reduce((a, b) => a + b, 0);
    const whole = withPixels.find((c) => c.box.x0 <= 5 && c.box.x1 >= 30);
    const left = withPixels.find((c) => c.box.x0 <= 5 && c.box.x1 < 20);
    if (!whole || !left) throw new Error('expected the whole H and a left piece among the proposals');
    // Nothing else is on the canvas: the whole blob's surroundings are empty ...
    expect(sum(whole.context)).toBeLessThan(0.01);
    // ... while a piece cut from it sees the bar and the right stroke it was cut from, to its right.
    expect(sum(left.context)).toBeGreaterThan(0.2 * sum(left.pixels));
    const context = left.context ?? new Float32Array();
    const rightHalf = context.reduce((a, v, i) => a + (i % 28 >= 14 ? v : 0), 0);
    expect(rightHalf).toBeGreaterThan(0.9 * sum(context));
    // The piece's own ink is never counted as surroundings.
    for (let i = 0; i < context.length; i++) expect((context[i] ?? 0) * (left.pixels?.[i] ?? 0)).toBeLessThan(0.25);
  });

  test('the piece verifier decides between readings the classifier is equally sure of', () => {
    const image = drawStrokes(60, [[[5, 5], [5, 23]], [[5, 14], [30, 14]], [[30, 5], [30, 23]]], 0.7);
    const proposal = proposeSegments(image);
    const withPixels = proposal.candidates.filter((c) => c.pixels !== null);
    const wholeBlob = (c: Candidate): boolean => c.box.x0 <= 5 && c.box.x1 >= 30;
    const sureOfAll = withPixels.map((c) => onehot(0.99, wholeBlob(c) ? 8 : 1));
    const verdicts = (oneDigitIsWhole: boolean) =>
      withPixels.map((c) => verdict(wholeBlob(c) === oneDigitIsWhole ? 0.98 : 0.02));
    expect(chooseSegmentation(proposal, sureOfAll, verdicts(true)).text).toBe('8');
    expect(chooseSegmentation(proposal, sureOfAll, verdicts(false)).text).toMatch(/^11+$/);
    expect(() => chooseSegmentation(proposal, sureOfAll, sureOfAll)).toThrow(/11 piece-verifier probabilities/);
  });
});

/** A piece verifier's output: not one digit with probability 1 - `oneDigit`, the rest spread over the digits. */
function verdict(oneDigit: number): Float32Array {
  return Float32Array.from({ length: PIECE_CLASSES }, (_, k) => (k === NOT_ONE_DIGIT ? 1 - oneDigit : oneDigit / NUM_CLASSES));
}

function uniform(): Float32Array {
  return new Float32Array(NUM_CLASSES).fill(1 / NUM_CLASSES);
}

function onehot(confidence: number, digit: number): Float32Array {
  const probabilities = new Float32Array(NUM_CLASSES).fill((1 - confidence) / (NUM_CLASSES - 1));
  probabilities[digit] = confidence;
  return probabilities;
}
