import { afterAll, beforeAll, expect, test } from 'vitest';
import { stroke, type GridPoint } from '../../../../common/ink/brush.ts';
import { centreLikeMnist } from '../../../../common/preprocess.ts';
import { asInkImage, createGrid, type Grid } from '../../../../common/ink/grid.ts';
import { Classifier } from '../../../../game/shell/platform/classifier.ts';
import { recognise } from '../../../../game/shell/reading/recognise.ts';
import { initBackend } from '../../../../ml/backend/backend.ts';
import { loadModel } from '../../../../ml/models/modelFiles.ts';

// Free draw with a model that has no "not a digit" output (?model=seed): ink too small or too flat
// to be a digit gets no guess (so it wins no challenge round either); a digit is still read.

let seed: Classifier;

beforeAll(async () => {
  await initBackend('wasm');
  seed = await Classifier.fromModel(await loadModel('assets/models/seed'), 'seed');
});

afterAll(() => {
  seed.dispose();
});

function drawn(...path: GridPoint[]): Grid {
  const grid = createGrid(28, 28);
  path.forEach((b, i) => {
    const a = path[i - 1];
    if (a) stroke(grid, a, b);
  });
  return grid;
}

const now = () => 0;

test.each([
  { what: 'a dash 6 cells long', grid: () => drawn({ gx: 11, gy: 14 }, { gx: 17, gy: 14 }) },
  { what: 'a tap', grid: () => drawn({ gx: 14, gy: 14 }, { gx: 14.2, gy: 14 }) },
])('$what: the seed names a digit for it, the game shows no guess', async ({ grid }) => {
  const g = grid();
  const normalised = centreLikeMnist(asInkImage(g));
  if (normalised.blank) throw new Error('the drawing should not be blank');
  const raw = await seed.classify(normalised.pixels);
  // the seed on its own is sure of some digit: the rule, not the model, turns it away
  expect(Math.max(...raw)).toBeGreaterThan(0.5);
  const { prediction } = await recognise(g, seed, now);
  expect(prediction.reason).toBe('not-a-digit');
  expect(prediction.digit).toBeNull();
});

test.each([
  { name: 'seven', digit: 7, grid: () => drawn({ gx: 8, gy: 6 }, { gx: 20, gy: 6 }, { gx: 12, gy: 22 }) },
  { name: 'one', digit: 1, grid: () => drawn({ gx: 14, gy: 5 }, { gx: 14, gy: 23 }) },
  { name: 'zero', digit: 0, grid: () => drawn({ gx: 14, gy: 5 }, { gx: 20, gy: 9 }, { gx: 20, gy: 19 }, { gx: 14, gy: 23 }, { gx: 8, gy: 19 }, { gx: 8, gy: 9 }, { gx: 14, gy: 5 }) },
])('a drawn $name is still read by the seed', async ({ digit, grid }) => {
  const { prediction } = await recognise(grid(), seed, now);
  expect(prediction.reason).toBeNull();
  expect(prediction.digit).toBe(digit);
});
