import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../ml/backend/backend.ts';
import { asLabelledImages } from '../../../ml/data/splits.ts';
import { recoverDirectory, replaceDirectory, type SwapStep } from '../../../ml/data/directorySwap.ts';
import { buildModel } from '../../../ml/models/architectures.ts';
import { METADATA_JSON, loadModel, saveModel } from '../../../ml/models/modelFiles.ts';
import { loadMnistTest } from '../../support/mnistTest.ts';
import { runScript } from '../../support/runScript.ts';

// Every step of a model replace, in the order ml/data/directorySwap.ts takes them for a saved model
// (files written in the order saveModel lists them).
const STEPS: readonly SwapStep[] = ['write:model.json', 'write:weights.bin', 'write:metadata.json', 'set-aside', 'swap', 'discard'];

let dir: string;
let digits: tf.Tensor4D;
let oldModel: tf.LayersModel;
let newModel: tf.LayersModel;
/** the new model's files as saveModel writes them, for the killed child to copy */
let newFiles: string;

beforeAll(async () => {
  await initBackend('wasm');
  dir = await mkdtemp(join(tmpdir(), 'hd-swap-'));
  const test10k = asLabelledImages(await loadMnistTest());
  digits = tf.slice(test10k.images, 0, 16);
  test10k.images.dispose();
  oldModel = buildModel('default', 1);
  newModel = buildModel('default', 2);
  newFiles = join(dir, 'source', 'new');
  await saveModel(newModel, newFiles, { [METADATA_JSON]: '{"name":"new"}' });
});

afterAll(async () => {
  digits.dispose();
  oldModel.dispose();
  newModel.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** which of the two models `target` holds, by its predictions on 16 MNIST test digits */
async function whichModel(target: string): Promise<'old' | 'new'> {
  const loaded = await loadModel(target);
  const [got, old, fresh] = [loaded, oldModel, newModel].map((m) => (m.predict(digits) as tf.Tensor).dataSync());
  loaded.dispose();
  const same = (a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined) => a !== undefined && b !== undefined && Array.from(a).every((v, i) => Math.abs(v - (b[i] ?? Number.NaN)) < 1e-6);
  if (same(got, old)) return 'old';
  if (same(got, fresh)) return 'new';
  throw new Error(`${target} holds neither model`);
}

async function freshTarget(name: string): Promise<{ parent: string; target: string }> {
  const parent = join(dir, name);
  await mkdir(parent);
  const target = join(parent, 'default');
  await saveModel(oldModel, target, { [METADATA_JSON]: '{"name":"old"}' });
  return { parent, target };
}

describe('a model replace that fails at a step', () => {
  test.each(STEPS)('failing before %s leaves a loadable model and, after recovery, nothing else', async (step) => {
    const { parent, target } = await freshTarget(`thrown-${step.replace(':', '-')}`);
    const replace = saveModel(newModel, target, { [METADATA_JSON]: '{"name":"new"}' }, {
      beforeStep: (s) => {
        if (s === step) throw new Error(`failed before ${s}`);
      },
    });
    await expect(replace).rejects.toThrow(`failed before ${step}`);
    // before the swap the old model is in place; at 'discard' the new one already is
    expect(await whichModel(target)).toBe(step === 'discard' ? 'new' : 'old');
    await recoverDirectory(target);
    expect(await readdir(parent)).toEqual(['default']);
  });
});

describe('a model replace killed (SIGKILL) just before each step', () => {
  test.each(STEPS)('killed before %s: loading finds a whole model at the target and clears what the kill left', async (step) => {
    const { parent, target } = await freshTarget(`killed-${step.replace(':', '-')}`);
    const run = await runScript('test/support/killedSwap.ts', [target, newFiles, step]);
    expect(run.stdout).not.toContain('replaced');
    expect(run.code).toBeNull();
    const left = (await readdir(parent)).filter((name) => name !== 'default');
    // a kill between set-aside and swap leaves no directory at the target at all, only the backup
    if (step === 'swap') expect(existsSync(target)).toBe(false);
    if (step !== 'write:model.json') expect(left.length).toBeGreaterThan(0);
    expect(await whichModel(target)).toBe(step === 'discard' ? 'new' : 'old');
    expect(await readdir(parent)).toEqual(['default']);
  });

  test('an unkilled run replaces the model and leaves nothing beside it', async () => {
    const { parent, target } = await freshTarget('whole');
    const run = await runScript('test/support/killedSwap.ts', [target, newFiles, 'never']);
    expect(run.stdout).toContain('replaced');
    expect(await whichModel(target)).toBe('new');
    expect(await readdir(parent)).toEqual(['default']);
  });
});

test('recovery leaves alone what a save still running has written', async () => {
  const { parent, target } = await freshTarget('live');
  // the test runner's parent process is alive for the whole test
  const live = join(parent, `.default.tmp-${process.ppid}-1`);
  await mkdir(live);
  expect(await recoverDirectory(target)).toEqual([]);
  expect(existsSync(live)).toBe(true);
});

test('replaceDirectory creates a directory that was not there', async () => {
  const target = join(dir, 'new-parent', 'made');
  await replaceDirectory(target, { 'a.txt': 'a' });
  expect(await readdir(target)).toEqual(['a.txt']);
});
