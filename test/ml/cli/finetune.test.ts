import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IMAGE_PIXELS, inkFromBytes } from '../../../common/digit.ts';
import { accuracy } from '../../../common/personal/fineTune.ts';
import { encodeIdx } from '../../../common/personal/idxExport.ts';
import { initBackend } from '../../../ml/backend/backend.ts';
import { METADATA_JSON, MODEL_JSON, loadModel } from '../../../ml/models/modelFiles.ts';
import { writeKerasFixture, type FixtureWeight } from '../../support/kerasFixtures.ts';
import { loadMnistTest } from '../../support/mnistTest.ts';
import { runScript } from '../../support/runScript.ts';

// The game's My digits export (encodeIdx) fed to npm run finetune as a user runs it.

const SHIPPED = join('assets', 'models', 'default');
let dir: string;
let images: string;
let labels: string;
let digits: { images: Float32Array; labels: Uint8Array };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'finetune-cli-'));
  const test10k = await loadMnistTest();
  digits = { images: inkFromBytes(test10k.images.data.subarray(0, 30 * IMAGE_PIXELS)), labels: test10k.labels.slice(0, 30) };
  const files = encodeIdx(digits);
  images = join(dir, 'images.idx');
  labels = join(dir, 'labels.idx');
  await writeFile(images, files.images);
  await writeFile(labels, files.labels);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run finetune', () => {
  test('writes a personal model the game can load, with metadata saying what it was taught', async () => {
    const out = join(dir, 'mine');
    const run = await runScript('ml/cli/finetune.ts', ['--model', SHIPPED, '--images', images, '--labels', labels, '--out', out, '--steps', '5', '--backend', 'wasm']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const metadata = JSON.parse(await readFile(join(out, METADATA_JSON), 'utf8')) as Record<string, unknown>;
    expect(metadata).toMatchObject({ arch: 'default', baseModel: { dir: SHIPPED, name: 'default' }, examples: { n: 30, normalize: false }, fineTune: { steps: 5 } });
    // the rotating hold-out reads all 30, the temperature is refitted
    expect(metadata.heldOut).toMatchObject({ n: 30 });
    expect(metadata.temperature).toBeGreaterThan(0);
    await initBackend('wasm');
    const model = await loadModel(out);
    // five small steps from the shipped model: still reads the digits it was taught
    expect(accuracy(tf, model, digits)).toBeGreaterThan(0.9);
    model.dispose();
  });

  test('teaches a model npm run import-keras made from a functional Keras 2 .h5 CNN', async () => {
    const weight = (name: string, shape: readonly number[]): FixtureWeight => {
      const n = shape.reduce((a, b) => a * b, 1);
      return { name, shape, values: Float32Array.from({ length: n }, (_, i) => Math.sin(i * 7.1 + n) * 0.1) };
    };
    const file = join(dir, 'cnn.h5');
    await writeFile(file, await writeKerasFixture('keras2-h5', {
      inputShape: [28, 28, 1],
      functional: true,
      layers: [
        { className: 'Conv2D', name: 'conv2d', config: { filters: 2, kernel_size: [3, 3], activation: 'relu' }, weights: [weight('kernel', [3, 3, 1, 2]), weight('bias', [2])] },
        { className: 'Flatten', name: 'flatten', config: {}, weights: [] },
        { className: 'Dense', name: 'dense', config: { units: 10, activation: 'softmax' }, weights: [weight('kernel', [1352, 10]), weight('bias', [10])] },
      ],
    }));
    const models = join(dir, 'models');
    // untrained weights read MNIST near chance, which import-keras refuses unless told otherwise
    const imported = await runScript('ml/cli/importKeras.ts', [file, '--name', 'k', '--models-dir', models, '--backend', 'wasm', '--min-accuracy', '0.01']);
    expect(imported.code, imported.stderr).toBe(0);
    const out = join(dir, 'k-mine');
    const run = await runScript('ml/cli/finetune.ts', ['--model', join(models, 'k'), '--images', images, '--labels', labels, '--out', out, '--steps', '3', '--backend', 'wasm']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(existsSync(join(out, MODEL_JSON))).toBe(true);
  });

  test.each([
    { why: 'a bad --examples-per-class', args: ['--examples-per-class', '0'], error: "--examples-per-class must be a positive integer, got '0'", code: 2 },
    { why: 'images and labels disagree', swap: true, args: [], error: 'expected images (3 dimensions), got 1', code: 1 },
    { why: 'a missing replay set', args: ['--replay', '/nonexistent/replay.bin'], error: 'cannot read the replay set /nonexistent/replay.bin', code: 2 },
  ])('$why: a clear message, exit $code, nothing written', async ({ args, error, code, swap }) => {
    const out = join(dir, 'refused');
    const pair = swap === true ? ['--images', labels, '--labels', images] : ['--images', images, '--labels', labels];
    const run = await runScript('ml/cli/finetune.ts', ['--model', SHIPPED, ...pair, '--out', out, ...args]);
    expect(run.stderr).toContain(error);
    expect(run.code).toBe(code);
    expect(existsSync(out)).toBe(false);
  });

  test('a damaged --replay file: the message names that file, not the default replay set; nothing written', async () => {
    const bad = join(dir, 'bad-replay.bin');
    await writeFile(bad, 'not a replay set');
    const out = join(dir, 'bad-replay');
    const run = await runScript('ml/cli/finetune.ts', ['--model', SHIPPED, '--images', images, '--labels', labels, '--out', out, '--replay', bad]);
    expect(run.stderr).toContain(`error: replay set ${bad}: not a replay set (wrong magic bytes)`);
    expect(run.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  test('too few digits: says how many more, nothing written', async () => {
    const out = join(dir, 'few');
    const run = await runScript('ml/cli/finetune.ts', ['--model', SHIPPED, '--images', images, '--labels', labels, '--out', out, '--examples-per-class', '1']);
    const perClass = new Set(digits.labels).size;
    expect(run.stderr).toContain(`${perClass} digit(s) to teach; fine-tuning needs at least 10, so ${10 - perClass} more`);
    expect(run.code).toBe(2);
    expect(existsSync(join(out, MODEL_JSON))).toBe(false);
  });
});
