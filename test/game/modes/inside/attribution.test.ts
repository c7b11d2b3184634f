import type * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { IMAGE_PIXELS } from '../../../../common/digit.ts';
import { centreLikeMnist } from '../../../../common/preprocess.ts';
import { createRandom, shuffle } from '../../../../common/random.ts';
import { InsideNetwork } from '../../../../game/modes/inside/platform/insideNetwork.ts';
import { gridAttribution, topCells } from '../../../../game/modes/inside/state/attributionMap.ts';
import { asInkImage, createGrid, type Grid } from '../../../../common/ink/grid.ts';
import { initBackend } from '../../../../ml/backend/backend.ts';
import { loadModel } from '../../../../ml/models/modelFiles.ts';
import { loadMnistTest } from '../../../support/mnistTest.ts';

// "Why this digit?" checked the way a player would: rub out the cells the heat map marks as most
// positive and the guess must weaken more than when as many inked cells are rubbed out at random.

const DIGITS = 150;
const REMOVED = 20;

let model: tf.LayersModel;
let network: InsideNetwork;
const grids: Grid[] = [];

beforeAll(async () => {
  await initBackend('wasm');
  model = await loadModel('assets/models/default');
  network = new InsideNetwork(model);
  const split = await loadMnistTest();
  for (let i = 0; i < DIGITS; i++) {
    const grid = createGrid(28, 28);
    grid.cells.set(Float32Array.from(split.images.data.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), (v) => v / 255));
    grids.push(grid);
  }
});

afterAll(() => { model.dispose(); });

async function probabilities(cells: Float32Array): Promise<Float32Array> {
  const normal = centreLikeMnist({ width: 28, height: 28, pixels: cells });
  if (normal.blank) return new Float32Array(10);
  return (await network.read(normal.pixels)).probabilities;
}

function without(cells: Float32Array, removed: readonly number[]): Float32Array {
  const copy = cells.slice();
  for (const i of removed) copy[i] = 0;
  return copy;
}

test(`over ${DIGITS} MNIST digits, rubbing out the ${REMOVED} most positive cells lowers the guess more than ${REMOVED} random inked cells`, { timeout: 120_000 }, async () => {
  const random = createRandom(17);
  let mapDrop = 0;
  let randomDrop = 0;
  let mapWins = 0;
  for (const grid of grids) {
    const normal = centreLikeMnist(asInkImage(grid));
    if (normal.blank) throw new Error('blank MNIST digit');
    const before = await probabilities(grid.cells);
    const guess = before.indexOf(Math.max(...before));
    const attribution = gridAttribution(grid, await network.gradient(normal.pixels, guess));
    if (attribution === null) throw new Error('no attribution for a drawn digit');
    const inked = Array.from(grid.cells.keys()).filter((i) => (grid.cells[i] ?? 0) > 0);
    shuffle(random, inked);
    const log = (p: Float32Array) => Math.log(Math.max(1e-7, p[guess] ?? 0));
    const byMap = log(before) - log(await probabilities(without(grid.cells, topCells(attribution, REMOVED))));
    const byChance = log(before) - log(await probabilities(without(grid.cells, inked.slice(0, REMOVED))));
    mapDrop += byMap;
    randomDrop += byChance;
    if (byMap > byChance) mapWins++;
  }
  console.log(`mean drop in ln p(guess): map ${(mapDrop / DIGITS).toFixed(3)}, random ${(randomDrop / DIGITS).toFixed(3)}; map larger on ${mapWins}/${DIGITS} digits`);
  expect(mapDrop / DIGITS).toBeGreaterThan(2 * (randomDrop / DIGITS));
  expect(mapWins).toBeGreaterThan(DIGITS * 0.7);
});

test('the map is zero where there is no ink, and null for a blank grid', async () => {
  const grid = grids[0] ?? createGrid(28, 28);
  const normal = centreLikeMnist(asInkImage(grid));
  if (normal.blank) throw new Error('blank MNIST digit');
  const attribution = gridAttribution(grid, await network.gradient(normal.pixels, 7));
  grid.cells.forEach((ink, i) => { if (ink === 0) expect(attribution?.[i]).toBe(0); });
  expect(gridAttribution(createGrid(28, 28), new Float32Array(IMAGE_PIXELS))).toBeNull();
});
