import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PREPROCESS_VERSION } from '../../../common/digit.ts';
import { initBackend } from '../../../ml/backend/backend.ts';
import { asLabelledImages } from '../../../ml/data/splits.ts';
import { score } from '../../../ml/eval/metrics.ts';
import { parseModelIndex } from '../../../common/modelIndex.ts';
import { INDEX_JSON, loadModel, METADATA_JSON, MODEL_JSON, WEIGHTS_BIN } from '../../../ml/models/modelFiles.ts';
import { predictDigits } from '../../../ml/models/predict.ts';
import { modelReader } from '../../../ml/models/modelReading.ts';
import { QUANTISED_TOLERANCE, penDigitScore } from '../../../ml/eval/accuracyDrift.ts';
import { loadPenFile, resolvePenDir, samplesOf, writerParts, type PenSample } from '../../../ml/data/pen.ts';
import { isRecord } from '../../../common/isRecord.ts';
import type { LabelledImages } from '../../../ml/data/labelledImages.ts';
import { loadMnistTest } from '../../support/mnistTest.ts';

// The models the game ships, as committed under assets/models/, each trained by ml/cli/train.ts, which
// writes the test accuracy it measured into metadata.json, then stored in fewer bytes by
// ml/cli/quantize.ts, which keeps that float32 figure and adds its own beside it (`weights`).

const MODELS_DIR = join('assets', 'models');

const SHIPPED = [
  { name: 'default', minimum: 0.995 },
  { name: 'seed', minimum: 0.985 },
] as const;

/** Two evaluations of the same weights may differ by a few images across backends (summation order). */
const METADATA_TOLERANCE = 0.0005;

const PEN_DIR = resolvePenDir({});

async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}

/** metadata.json's `weights` (ml/cli/quantize.ts), or an empty object. */
function storageOf(metadata: Record<string, unknown>): Record<string, unknown> {
  return isRecord(metadata.weights) ? metadata.weights : {};
}

/** A figure of metadata.json's `weights`: `float32` or `quantised`, then the field. */
function recorded(metadata: Record<string, unknown>, which: 'float32' | 'quantised'): Record<string, unknown> {
  const figures = storageOf(metadata)[which];
  return isRecord(figures) ? figures : {};
}

let test10k: LabelledImages;

beforeAll(async () => {
  await initBackend('wasm');
  test10k = asLabelledImages(await loadMnistTest());
});

afterAll(() => {
  tf.dispose(test10k.images);
});

describe.each(SHIPPED)('assets/models/$name', ({ name, minimum }) => {
  const dir = join(MODELS_DIR, name);

  // 10 000 predictions: 68 s for default with both cores shared by other trainings, hence the timeout.
  test(`scores ≥ ${(minimum * 100).toFixed(1)} % on the 10 000 MNIST test images, within 0.05 point of the float32 figure its metadata.json keeps`, { timeout: 300_000 }, async () => {
    const metadata = await readJson(join(dir, METADATA_JSON));
    const model = await loadModel(dir);
    const scores = score(predictDigits(model, test10k.images), test10k.labels);
    model.dispose();
    console.log(`${name}: ${(scores.accuracy * 100).toFixed(2)} % measured, float32 ${String(metadata.testAccuracy)}`);

    expect(scores.n).toBe(10_000);
    expect(scores.accuracy).toBeGreaterThanOrEqual(minimum);
    expect(typeof metadata.testAccuracy).toBe('number');
    expect(recorded(metadata, 'float32').testAccuracy).toBe(metadata.testAccuracy);
    expect(Math.abs(scores.accuracy - Number(metadata.testAccuracy))).toBeLessThanOrEqual(QUANTISED_TOLERANCE);
    expect(Math.abs(scores.accuracy - Number(recorded(metadata, 'quantised').testAccuracy))).toBeLessThanOrEqual(METADATA_TOLERANCE);
    expect(metadata.arch).toBe(name);
    expect(metadata.preprocessVersion).toBe(PREPROCESS_VERSION);
  });

  test.skipIf(!PEN_DIR)('reads the pen digits of the test writers within 0.05 point of float32, as its metadata.json records (needs PEN_DIR)', { timeout: 300_000 }, async () => {
    const metadata = await readJson(join(dir, METADATA_JSON));
    const model = await loadModel(dir);
    const measured = penDigitScore(await modelReader(model, dir), await testPenDigits());
    model.dispose();
    const float32 = recorded(metadata, 'float32').penDigits;
    if (!isRecord(float32)) throw new Error(`${dir}/metadata.json records no float32 pen digits (npm run quantize with PEN_DIR writes them)`);
    expect(measured.n).toBe(float32.n);
    expect(Math.abs(measured.correct - Number(float32.correct)) / measured.n).toBeLessThanOrEqual(QUANTISED_TOLERANCE);
  });
});

let penDigits: Promise<PenSample[]> | null = null;
function testPenDigits(): Promise<PenSample[]> {
  penDigits ??= loadPenFile(PEN_DIR ?? '', 'digits').then((digits) => samplesOf(digits, writerParts(digits), 'test'));
  return penDigits;
}

describe.each([...SHIPPED.map((m) => m.name), 'pieces'])('assets/models/%s on the wire', (name) => {
  test('every weight is stored quantised, in the bytes its metadata.json says, which also says how', async () => {
    const dir = join(MODELS_DIR, name);
    const model = await readJson(join(dir, MODEL_JSON));
    const metadata = await readJson(join(dir, METADATA_JSON));
    const specs = (model.weightsManifest as { weights: { quantization?: { dtype: string } }[] }[]).flatMap((group) => group.weights);
    expect(specs.filter((spec) => spec.quantization === undefined)).toEqual([]);
    const storage = storageOf(metadata);
    expect(storage.storage).toMatch(/tfjs turns them back into float32 on load/);
    expect((await stat(join(dir, WEIGHTS_BIN))).size).toBe(storage.bytes);
    expect(metadata.weightBytes).toBe(storage.bytes);
    expect(Number(storage.bytes)).toBeLessThan(Number(storage.float32Bytes) / 1.9);
  });
});

describe('assets/models/index.json', () => {
  test('lists both shipped models by name and path, with the accuracy in their metadata, and default as the default', async () => {
    const index = parseModelIndex(JSON.parse(await readFile(join(MODELS_DIR, INDEX_JSON), 'utf8')));
    expect(index.default).toBe('default');
    for (const { name } of SHIPPED) {
      const entry = index.models.find((m) => m.name === name);
      expect(entry, `${name} is missing from index.json`).toBeDefined();
      expect(entry?.path).toBe(`${name}/${MODEL_JSON}`);
      const metadata = JSON.parse(await readFile(join(MODELS_DIR, name, METADATA_JSON), 'utf8')) as Record<string, unknown>;
      expect(entry?.testAccuracy).toBe(metadata.testAccuracy);
      expect(entry?.arch).toBe(metadata.arch);
    }
  });
});
