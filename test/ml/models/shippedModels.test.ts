import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PREPROCESS_VERSION } from '../../../common/digit.ts';
import { initBackend } from '../../../ml/backend/backend.ts';
import { asLabelledImages } from '../../../ml/data/splits.ts';
import { score } from '../../../ml/eval/metrics.ts';
import { parseModelIndex } from '../../../common/modelIndex.ts';
import { INDEX_JSON, loadModel, METADATA_JSON, MODEL_JSON } from '../../../ml/models/modelFiles.ts';
import { predictDigits } from '../../../ml/models/predict.ts';
import type { LabelledImages } from '../../../ml/data/labelledImages.ts';
import { loadMnistTest } from '../../support/mnistTest.ts';

// The models the game ships, as committed under assets/models/, each trained by ml/cli/train.ts, which
// writes the test accuracy it measured into metadata.json.

const MODELS_DIR = join('assets', 'models');

const SHIPPED = [
  { name: 'default', minimum: 0.995 },
  { name: 'seed', minimum: 0.985 },
] as const;

/** Two evaluations of the same weights may differ by a few images across backends (summation order). */
const METADATA_TOLERANCE = 0.0005;

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
  test(`scores ≥ ${(minimum * 100).toFixed(1)} % on the 10 000 MNIST test images, as its metadata.json records`, { timeout: 300_000 }, async () => {
    const metadata = JSON.parse(await readFile(join(dir, METADATA_JSON), 'utf8')) as Record<string, unknown>;
    const model = await loadModel(dir);
    const scores = score(predictDigits(model, test10k.images), test10k.labels);
    model.dispose();
    console.log(`${name}: ${(scores.accuracy * 100).toFixed(2)} % measured, metadata says ${String(metadata.testAccuracy)}`);

    expect(scores.n).toBe(10_000);
    expect(scores.accuracy).toBeGreaterThanOrEqual(minimum);
    expect(typeof metadata.testAccuracy).toBe('number');
    expect(Math.abs(scores.accuracy - Number(metadata.testAccuracy))).toBeLessThanOrEqual(METADATA_TOLERANCE);
    expect(metadata.arch).toBe(name);
    expect(metadata.preprocessVersion).toBe(PREPROCESS_VERSION);
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
