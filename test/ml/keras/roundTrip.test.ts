import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../ml/backend/backend.ts';
import { importKeras } from '../../../ml/keras/importModel.ts';
import { NO_CONVERSION } from '../../../ml/keras/inputConversion.ts';
import { writeKeras } from '../../../ml/keras/kerasWriter.ts';
import { loadModel } from '../../../ml/models/modelFiles.ts';
import { predictProbabilities, argMaxRows } from '../../../ml/models/predict.ts';
import type { LabelledImages } from '../../../ml/data/labelledImages.ts';
import { labelled, loadMnistTest } from '../../support/mnistTest.ts';

// Our shipped models written as Keras 3 .keras files and read back must predict what they predicted.

let digits: LabelledImages;

beforeAll(async () => {
  await initBackend('wasm');
  digits = labelled(await loadMnistTest(), 0, 1000);
});

describe('export then import', () => {
  test.each(['seed', 'default'])('%s predicts exactly what it predicted on 1,000 MNIST test digits', { timeout: 120_000 }, async (name) => {
    const original = await loadModel(`assets/models/${name}`);
    const imported = await importKeras(await writeKeras(original), `${name}.keras`, NO_CONVERSION);
    expect(imported.layout).toBe('keras3');
    const before = predictProbabilities(original, digits.images);
    const after = predictProbabilities(imported.model, digits.images);
    expect(Array.from(argMaxRows(after, 10))).toEqual(Array.from(argMaxRows(before, 10)));
    expect(Math.max(...after.map((p, i) => Math.abs(p - (before[i] ?? 0))))).toBeLessThanOrEqual(1e-6);
    const numTensors = tf.memory().numTensors;
    original.dispose();
    imported.model.dispose();
    expect(tf.memory().numTensors).toBeLessThan(numTensors);
  });
});
