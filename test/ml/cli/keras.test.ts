import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseModelIndex } from '../../../common/modelIndex.ts';
import { runScript } from '../../support/runScript.ts';
import { snapshot } from '../../support/snapshot.ts';
import { writeKerasFixture, type FixtureModel } from '../../support/kerasFixtures.ts';

// import-keras and export-keras as users run them, against a temporary copy of assets/models.

let dir: string;
let models: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hd-keras-cli-'));
  models = join(dir, 'models');
  await cp(resolve('assets', 'models'), models, { recursive: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Flatten then Dense softmax with small fixed weights: a valid digit model that reads digits badly. */
function weakModel(kernelShape: readonly number[] = [784, 10], value = (i: number) => Math.sin(i) * 0.01): FixtureModel {
  const kernel = Float32Array.from({ length: 7840 }, (_, i) => value(i));
  return {
    inputShape: [28, 28],
    layers: [
      { className: 'Flatten', name: 'flatten', config: {}, weights: [] },
      { className: 'Dense', name: 'dense', config: { units: 10, activation: 'softmax' }, weights: [{ name: 'kernel', shape: kernelShape, values: kernel }, { name: 'bias', shape: [10], values: new Float32Array(10) }] },
    ],
  };
}

describe('npm run import-keras', () => {
  test.each([
    { what: 'a file that is neither zip nor HDF5', make: () => new TextEncoder().encode('not a model'), error: 'is neither a Keras 3 .keras zip nor an HDF5 .h5 file' },
    { what: 'a truncated HDF5 file, without HDF5-DIAG lines', make: async () => (await writeKerasFixture('keras2-h5', weakModel())).subarray(0, 600), error: 'bad.keras is not a readable HDF5 file (truncated file: eof = 600' },
    { what: 'a mis-shaped weight', make: () => writeKerasFixture('keras2-h5', weakModel([10, 784])), error: "layer 'dense' (Dense): weight model_weights/dense/dense/kernel:0 has shape [10,784], the layer needs [784,10]" },
    { what: 'NaN weights', make: () => writeKerasFixture('keras2-h5', weakModel([784, 10], () => Number.NaN)), error: 'bad.keras: weight dense/kernel holds NaN at index 0, not a number a model can read with' },
    { what: 'an infinite weight', make: () => writeKerasFixture('keras3', weakModel([784, 10], (i) => (i === 5 ? Number.POSITIVE_INFINITY : 0))), error: 'bad.keras: weight dense/kernel holds Infinity at index 5' },
    { what: 'a model reading MNIST at chance', make: () => writeKerasFixture('keras2-h5', weakModel()), error: 'of MNIST right, below --min-accuracy 0.5; nothing was installed. Did the model expect other inputs? try --input-scale 255' },
  ])('refuses $what: exit 1, the message, nothing written', { timeout: 120_000 }, async ({ make, error }) => {
    const file = join(dir, 'bad.keras');
    await writeFile(file, await make());
    const before = await snapshot(models);
    const run = await runScript('ml/cli/importKeras.ts', [file, '--name', 'bad', '--models-dir', models]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(error);
    expect(run.stderr).not.toContain('HDF5-DIAG');
    expect(await snapshot(models)).toEqual(before);
  });

  test('imports a Keras 2 .h5 model, calibrates it, measures it on MNIST, warns it is low, records its source and lists it', { timeout: 180_000 }, async () => {
    const bytes = await writeKerasFixture('keras2-h5', weakModel());
    const file = join(dir, 'weak.h5');
    await writeFile(file, bytes);
    const run = await runScript('ml/cli/importKeras.ts', [file, '--name', 'weak', '--models-dir', models, '--input-scale', '255', '--invert', '--calibrate', '--min-accuracy', '0.01']);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: .* on MNIST is low for a digit model: did the model expect other inputs\? try --input-scale 255, or --mean 0\.1307 --std 0\.3081, or --invert/);
    const metadata = JSON.parse(await readFile(join(models, 'weak', 'metadata.json'), 'utf8')) as Record<string, unknown>;
    expect(metadata.source).toEqual({ file: 'weak.h5', sha256: createHash('sha256').update(bytes).digest('hex'), kerasVersion: '2.10.0', layout: 'keras2-h5' });
    expect(metadata.inputConversion).toMatchObject({ scale: 255, invert: true, mean: 0, std: 1 });
    expect(metadata.architecture).toEqual(["Sequential 'sequential', input 28x28", 'Flatten flatten', 'Dense dense 10 softmax']);
    expect(metadata.testAccuracy).toBeLessThan(0.5);
    expect(run.stdout).toContain(`calibrated  temperature ${(metadata.temperature as number).toFixed(3)}`);
    expect(run.stdout).toContain(`MNIST test accuracy ${((metadata.testAccuracy as number) * 100).toFixed(2)} %`);
    const index = parseModelIndex(JSON.parse(await readFile(join(models, 'index.json'), 'utf8')));
    expect(index.models.find((m) => m.name === 'weak')).toMatchObject({ path: 'weak/model.json', arch: 'keras', testAccuracy: metadata.testAccuracy });
    expect(index.models.map((m) => m.name)).toEqual(expect.arrayContaining(['default', 'seed', 'weak']));
  });
});

describe('npm run export-keras', () => {
  test('writes a .keras zip of config.json, metadata.json and model.weights.h5, and will not overwrite it without --force', { timeout: 120_000 }, async () => {
    const out = join(dir, 'default.keras');
    const run = await runScript('ml/cli/exportKeras.ts', ['--model', join(models, 'default'), '--out', out]);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/wrote .*default\.keras \(Keras 3 \.keras: \d+ layers, softmax temperature \d\.\d{3} folded into the last Dense layer\)/);
    const bytes = await readFile(out);
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual(['config.json', 'metadata.json', 'model.weights.h5']);
    const again = await runScript('ml/cli/exportKeras.ts', ['--model', join(models, 'default'), '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists; nothing was written');
    expect(await readFile(out)).toEqual(bytes);
  });
});
