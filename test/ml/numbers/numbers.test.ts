import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { IdxImages } from '../../../ml/data/idx.ts';
import { initBackend } from '../../../ml/backend/backend.ts';
import { commonSubsequence, evaluateNumbers, formatNumbersReport, type NumbersReport } from '../../../ml/numbers/numbers.ts';
import { loadMnistTest } from '../../support/mnistTest.ts';
import { loadModel } from '../../../ml/models/modelFiles.ts';
import { loadShippedModel } from '../../support/shippedModel.ts';

/** The piece verifier the game's Number mode loads (assets/models/index.json names it). */
const SHIPPED_PIECES = 'assets/models/pieces';

describe('commonSubsequence', () => {
  test.each([
    ['2026', '2026', 4],
    ['2026', '226', 3],
    ['2026', '20226', 4],
    ['2026', '', 0],
    ['11', '7', 0],
  ])('%s vs %s', (a, b, length) => {
    expect(commonSubsequence(a, b)).toBe(length);
  });
});

describe('evaluateNumbers with the shipped model', () => {
  let model: tf.LayersModel;
  let verifier: tf.LayersModel;
  let images: IdxImages;
  let labels: Uint8Array;

  beforeAll(async () => {
    await initBackend(undefined, () => undefined);
    ({ images, labels } = await loadMnistTest());
    model = await loadShippedModel();
    verifier = await loadModel(SHIPPED_PIECES);
  });

  // The targets are set for 4-digit numbers, so these runs hold only those: 200 of each kind, seed 1,
  // exactly what `npm run evaluate -- --numbers 400 --digits 4` reports, read as the game reads them
  // (with the piece verifier) and by the segmentation's priors alone. The score weights were chosen
  // on other seeds (6 and 11), so these numbers are not the ones they were fitted to.
  let fourDigit: NumbersReport;
  let priorsAlone: NumbersReport;
  // 800 numbers read twice over: minutes when another test file shares the cores
  beforeAll(async () => {
    fourDigit = await evaluateNumbers({ model, verifier, images, labels, count: 400, seed: 1, digits: 4 });
    console.log(`with the piece verifier:\n${formatNumbersReport(fourDigit)}`);
    priorsAlone = await evaluateNumbers({ model, images, labels, count: 400, seed: 1, digits: 4 });
    console.log(`priors alone:\n${formatNumbersReport(priorsAlone)}`);
   }, 900_000);

  test('separated 4-digit numbers: at least 97 % read exactly (the target)', () => {
    expect(fourDigit.separated.n).toBe(200);
    expect(fourDigit.separated.numberAccuracy).toBeGreaterThanOrEqual(0.97);
  });

  test('touching 4-digit numbers: at least 85 % read exactly (the target)', () => {
    expect(fourDigit.touching.n).toBe(200);
    expect(fourDigit.touching.numberAccuracy).toBeGreaterThanOrEqual(0.85);
  });

  // Not a target: a guard just below what the shipped models measure (96.3 % of digits), so
  // segmentation or verifier changes cannot quietly garble more digits of the numbers they miss.
  test('touching 4-digit numbers: at least 95 % of their digits read', () => {
    expect(fourDigit.touching.digitAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  // Two digits pressed together are often no wider than tall, so the segmentation once left such a
  // blob whole unless a thin contact held it: 74.5 % of these were read. Measured now: 91.5 %.
  test('touching 2-digit numbers: at least 88 % read exactly, separated ones 97 %', async () => {
    const twoDigit = await evaluateNumbers({ model, verifier, images, labels, count: 400, seed: 1, digits: 2 });
    console.log(`2-digit numbers:\n${formatNumbersReport(twoDigit)}`);
    expect(twoDigit.touching.n).toBe(200);
    expect(twoDigit.touching.numberAccuracy).toBeGreaterThanOrEqual(0.88);
    expect(twoDigit.separated.numberAccuracy).toBeGreaterThanOrEqual(0.97);
  });

  // With the default that has a "not a digit" output, the verifier split one separated number of 400
  // the priors read right (5670 read as 56761, seed 1, --numbers 800) and rescued none: one number
  // is the most it may cost, so a verifier that starts cutting whole digits apart still fails here.
  test('the piece verifier reads far more touching numbers than the priors alone, and costs at most one separated one', () => {
    expect(priorsAlone.touching.n).toBe(200);
    expect(fourDigit.touching.numberAccuracy).toBeGreaterThanOrEqual(priorsAlone.touching.numberAccuracy + 0.1);
    expect(fourDigit.separated.numberAccuracy).toBeGreaterThanOrEqual(priorsAlone.separated.numberAccuracy - 1 / 200);
  });

  test('reports both kinds with the agreed fields, plus 4-digit and per-length figures', async () => {
    const report = await evaluateNumbers({ model, images, labels, count: 20, seed: 1 });
    for (const kind of ['separated', 'touching'] as const) {
      expect(Object.keys(report[kind]).sort()).toEqual(['digitAccuracy', 'n', 'numberAccuracy']);
      expect(report[kind].n).toBe(10);
      expect(report[kind].numberAccuracy).toBeGreaterThanOrEqual(0);
      expect(report[kind].digitAccuracy).toBeLessThanOrEqual(1);
    }
    const lengths = Object.values(report.byLength).reduce((sum, byKind) => sum + byKind.separated.n + byKind.touching.n, 0);
    expect(lengths).toBe(20);
    expect(report.fourDigit.separated.n).toBe(report.byLength[4]?.separated.n);
  });

  test('the same seed gives the same report, and predictions leak no tensors', async () => {
    const first = await evaluateNumbers({ model, images, labels, count: 20, seed: 3 });
    const before = tf.memory().numTensors;
    const again = await evaluateNumbers({ model, images, labels, count: 20, seed: 3 });
    expect(again.separated).toEqual(first.separated);
    expect(again.touching).toEqual(first.touching);
    expect(tf.memory().numTensors).toBe(before);
  });
});
