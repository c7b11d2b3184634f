import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { initBackend } from '../../../ml/backend/backend.ts';
import { buildModel } from '../../../ml/models/architectures.ts';
import { INDEX_JSON, METADATA_JSON, MODEL_JSON, WEIGHTS_BIN, checkClassCount, loadModel, saveModel } from '../../../ml/models/modelFiles.ts';
import { OutputError, checkModelOutput, checkWritable, writeModelOutput } from '../../../ml/cli/modelOutput.ts';
import { snapshot } from '../../support/snapshot.ts';

let root: string;
let dir: string;
let model: tf.LayersModel;
let count = 0;

beforeAll(async () => {
  await initBackend('wasm');
  root = await mkdtemp(join(tmpdir(), 'hd-output-'));
  model = buildModel('default', 1);
});

afterAll(async () => {
  model.dispose();
  await rm(root, { recursive: true, force: true });
});

beforeEach(async () => {
  dir = join(root, `case-${count++}`);
  await mkdir(dir);
});


/** writes `content` at `path` (making its folder) and returns `result` */
async function writeThen(path: string, content: string, result = path): Promise<string> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
  return result;
}

async function fakeModel(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
  await writeFile(join(path, MODEL_JSON), '{}');
  await writeFile(join(path, WEIGHTS_BIN), 'w');
  await writeFile(join(path, METADATA_JSON), '{"testAccuracy": 0.9}');
}

describe('checkModelOutput refuses an --out whose replacement could lose something, touching nothing', () => {
  /** each case makes what is at --out inside `dir` and returns the --out path */
  const cases: { name: string; setup: () => Promise<string>; force: boolean; error: string }[] = [
    { name: 'a text file', setup: async () => writeThen(join(dir, 'models'), 'my notes'), force: true, error: 'is a file, not a model directory' },
    {
      name: 'a folder of documents',
      setup: async () => {
        await writeThen(join(dir, 'models', 'thesis.txt'), 'chapter 1');
        return writeThen(join(dir, 'models', 'photo.png'), 'png', join(dir, 'models'));
      },
      force: true,
      error: 'is not a model directory (it holds photo.png, thesis.txt)',
    },
    {
      name: "a model with the user's own file in it",
      setup: async () => {
        await fakeModel(join(dir, 'models'));
        return writeThen(join(dir, 'models', 'notes.md'), 'which run this was', join(dir, 'models'));
      },
      force: true,
      error: 'is not a model directory (it holds notes.md)',
    },
    {
      name: 'a folder of models (the models root)',
      setup: async () => {
        await fakeModel(join(dir, 'models', 'default'));
        return writeThen(join(dir, 'models', INDEX_JSON), '{}', join(dir, 'models'));
      },
      force: true,
      error: 'is a folder of models, not one model',
    },
    {
      name: 'a folder of models without an index',
      setup: async () => {
        await fakeModel(join(dir, 'models', 'seed'));
        return join(dir, 'models');
      },
      force: true,
      error: 'is a folder of models, not one model',
    },
    {
      name: 'an existing model without --force',
      setup: async () => {
        await fakeModel(join(dir, 'models'));
        return join(dir, 'models');
      },
      force: false,
      error: 'already holds a model; nothing was touched',
    },
    { name: 'a path under a file', setup: async () => writeThen(join(dir, 'notes.txt'), 'my notes', join(dir, 'notes.txt', 'model')), force: true, error: 'is a file, not a folder' },
  ];
  test.each(cases)('$name', async ({ setup, force, error }) => {
    const out = await setup();
    const before = await snapshot(dir);
    const refusal = checkModelOutput(out, { flag: '--out', force });
    await expect(refusal).rejects.toThrow(OutputError);
    await expect(refusal).rejects.toThrow(error);
    await expect(refusal).rejects.toThrow(out);
    expect(await snapshot(dir)).toEqual(before);
  });

  test('an existing model without --force is refused with the two ways forward', async () => {
    const out = join(dir, 'default');
    await fakeModel(out);
    await expect(checkModelOutput(out, { flag: '--out', force: false })).rejects.toThrow(`--out ${join(dir, 'NAME')}) or add --force`);
  });
});

describe('checkModelOutput accepts', () => {
  test.each([
    { name: 'a new name', make: () => Promise.resolve(), force: false, replaces: false },
    { name: 'an empty folder', make: (out: string) => mkdir(out), force: false, replaces: false },
    { name: 'an existing model with --force', make: fakeModel, force: true, replaces: true },
  ])('$name', async ({ make, force, replaces }) => {
    const out = join(dir, 'mine');
    await make(out);
    await writeFile(join(dir, INDEX_JSON), '{}');
    expect(await checkModelOutput(out, { flag: '--out', force })).toEqual({ out, flag: '--out', replaces, updatesIndex: true });
  });
});

test('checkWritable names the path the user gave when its folder cannot be made', async () => {
  await writeFile(join(dir, 'file'), 'x');
  await expect(checkWritable(join(dir, 'file', 'report'), '--report')).rejects.toThrow(`cannot write --report ${join(dir, 'file', 'report')}: ${join(dir, 'file')} is a file, not a folder`);
});

test('writeModelOutput saves the model with its metadata and lists it in the index beside it', async () => {
  await fakeModel(join(dir, 'other'));
  await writeFile(join(dir, INDEX_JSON), '{}');
  const plan = await checkModelOutput(join(dir, 'fresh'), { flag: '--out', force: false });
  await writeModelOutput(plan, model, { arch: 'default', testAccuracy: null }, { log: () => undefined });
  const index = JSON.parse(await readFile(join(dir, INDEX_JSON), 'utf8')) as { models: { name: string; testAccuracy: number | null }[] };
  expect(index.models.map((m) => [m.name, m.testAccuracy])).toEqual([['fresh', null], ['other', 0.9]]);
  (await loadModel(join(dir, 'fresh'))).dispose();
});

test('two writers to one new --out: the one that saves second fails and leaves the first model in place', async () => {
  const out = join(dir, 'both');
  const first = await checkModelOutput(out, { flag: '--out', force: false });
  const second = await checkModelOutput(out, { flag: '--out', force: false });
  await writeModelOutput(first, model, { name: 'first' }, { log: () => undefined });
  const saved = await snapshot(out);
  await expect(writeModelOutput(second, model, { name: 'second' }, { log: () => undefined }))
    .rejects.toThrow(`--out ${out} was saved by another run while this one worked; it was left as that run wrote it and this model was not saved`);
  expect(await snapshot(out)).toEqual(saved);
  expect(await readdir(dir)).toEqual(['both']);
});

test('writeModelOutput refuses a model whose weights hold NaN, writing nothing', async () => {
  const broken = buildModel('seed', 1);
  const [kernel] = broken.weights;
  kernel?.write(tf.fill(kernel.shape as number[], Number.NaN));
  const out = join(dir, 'nan');
  const plan = await checkModelOutput(out, { flag: '--out', force: false });
  await expect(writeModelOutput(plan, broken, {}, { log: () => undefined })).rejects.toThrow(/the model for --out .*nan \(not saved\): weight .* holds NaN at index 0/);
  expect(existsSync(out)).toBe(false);
  broken.dispose();
});

test('checkWritable removes the empty .write-check folders killed checks left, and only those', async () => {
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  const old = new Date(Date.now() - 3_600_000);
  await mkdir(join(dir, `.write-check-${dead}-abcdef`));
  await mkdir(join(dir, '.write-check-XyZ123'));
  await utimes(join(dir, '.write-check-XyZ123'), old, old);
  // a check of a process still running, a fresh one of an older version, and someone's non-empty folder stay
  await mkdir(join(dir, `.write-check-${process.ppid}-ghijkl`));
  await mkdir(join(dir, '.write-check-mnopqr'));
  await writeThen(join(dir, `.write-check-${dead}-keepme`, 'note.txt'), 'mine');
  await checkWritable(join(dir, 'out'), '--out');
  expect((await readdir(dir)).sort()).toEqual([`.write-check-${dead}-keepme`, `.write-check-${process.ppid}-ghijkl`, '.write-check-mnopqr'].sort());
});

describe('loading a model whose weights do not match its model.json names the file', () => {
  test.each([
    { name: 'weights.bin missing', damage: (path: string) => rm(path), error: 'weights.bin is missing' },
    { name: 'weights.bin truncated', damage: async (path: string) => writeFile(path, (await readFile(path)).subarray(0, 1000)), error: 'the weights are truncated' },
    {
      name: 'bytes after the weights',
      damage: async (path: string) => writeFile(path, Buffer.concat([await readFile(path), Buffer.alloc(8)])),
      error: 'the weights are followed by bytes no weight uses',
    },
  ])('$name', async ({ damage, error }) => {
    const out = join(dir, 'damaged');
    await saveModel(model, out);
    await damage(join(out, WEIGHTS_BIN));
    const load = loadModel(out);
    await expect(load).rejects.toThrow(error);
    await expect(load).rejects.toThrow(join(out, WEIGHTS_BIN));
  });
});

test('checkClassCount refuses a model with 5 outputs, naming its directory', () => {
  const five = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 5, activation: 'softmax' })] });
  expect(() => { checkClassCount(five, 'models/five', 10); }).toThrow('models/five is not a digit model: its output is [null,5] per batch, a digit model gives 10 class probabilities per image');
  expect(() => { checkClassCount(model, 'models/default', 10); }).not.toThrow();
  five.dispose();
  expect(existsSync(dir)).toBe(true);
});
