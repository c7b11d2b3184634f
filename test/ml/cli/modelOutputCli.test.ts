import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseModelIndex } from '../../../common/modelIndex.ts';
import { INDEX_JSON, METADATA_JSON, WEIGHTS_BIN, saveModel } from '../../../ml/models/modelFiles.ts';
import { runScript } from '../../support/runScript.ts';
import { snapshot } from '../../support/snapshot.ts';

// The model writers run as users run them, against temporary copies: what they refuse must be
// left byte for byte as it was, and be refused before any data is loaded or any training done.

const SHIPPED_MODELS = resolve('assets', 'models');
const SHIPPED = join(SHIPPED_MODELS, 'default');

let dir: string;
/** a copy of the repository's assets/models, as a working directory for runs with the default --out */
let site: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hd-output-cli-'));
  site = join(dir, 'site');
  await cp(SHIPPED_MODELS, join(site, 'assets', 'models'), { recursive: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});


test('a trial `npm run train -- --limit 5` leaves the shipped default byte-identical and says how to proceed', async () => {
  const models = join(site, 'assets', 'models');
  const before = await snapshot(models);
  const run = await runScript('ml/cli/train.ts', ['--limit', '5'], { cwd: site });
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain('error: --out assets/models/default already holds a model; nothing was touched');
  expect(run.stderr).toContain('--out assets/models/NAME');
  expect(run.stderr).toContain('--force');
  expect(run.stdout).not.toContain('data ');
  expect(await snapshot(models)).toEqual(before);
});

describe('an --out that is not a model directory is refused, exit != 0, nothing touched', () => {
  const writers = [
    { script: 'ml/cli/train.ts', args: ['--limit', '5', '--force'] },
    { script: 'ml/cli/trainPieces.ts', args: ['--numbers', '5', '--force'] },
    { script: 'ml/cli/ensemble.ts', args: ['--members', `${SHIPPED},${SHIPPED}`, '--force'] },
  ];
  const targets = [
    {
      what: 'a text file',
      make: async (at: string) => {
        await writeFile(join(at, 'notes'), 'my notes');
        return join(at, 'notes');
      },
      error: 'is a file, not a model directory',
    },
    {
      what: 'a folder of documents',
      make: async (at: string) => {
        await mkdir(join(at, 'thesis'));
        await writeFile(join(at, 'thesis', 'chapter-1.txt'), 'It was a dark and stormy night');
        return join(at, 'thesis');
      },
      error: 'is not a model directory (it holds chapter-1.txt)',
    },
    {
      what: 'the models folder',
      make: async (at: string) => {
        await cp(SHIPPED_MODELS, join(at, 'models'), { recursive: true });
        return join(at, 'models');
      },
      error: 'is a folder of models, not one model',
    },
    {
      what: 'a path under a file',
      make: async (at: string) => {
        await writeFile(join(at, 'notes.txt'), 'my notes');
        return join(at, 'notes.txt', 'model');
      },
      error: 'cannot write --out',
    },
  ];
  const cases = writers.flatMap((w) => targets.map((t) => ({ ...w, ...t })));
  test.concurrent.each(cases)('$script --out <$what>', async ({ script, args, make, error }) => {
    const at = await mkdtemp(join(dir, 'case-'));
    const out = await make(at);
    const before = await snapshot(at);
    const run = await runScript(script, [...args, '--out', out]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(error);
    expect(run.stderr).toContain(out);
    // refused before the backend, the data or any training
    expect(run.stdout).toBe('');
    expect(await snapshot(at)).toEqual(before);
  });
});

describe('models that are not what they should be are refused, naming the file', () => {
  let five: string;
  let truncated: string;

  beforeAll(async () => {
    const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 5, activation: 'softmax' })] });
    five = join(dir, 'five');
    await saveModel(model, five, { [METADATA_JSON]: '{"arch": "five", "temperature": 1}' });
    model.dispose();
    truncated = join(dir, 'truncated');
    await cp(SHIPPED, truncated, { recursive: true });
    await writeFile(join(truncated, WEIGHTS_BIN), (await readFile(join(SHIPPED, WEIGHTS_BIN))).subarray(0, 4000));
  });

  test.concurrent.each([
    { script: 'ml/cli/evaluate.ts', flag: '--model', error: 'is not a digit model: its output is [null,5] per batch' },
    { script: 'ml/cli/calibrate.ts', flag: '--model', error: 'is not a digit model: its output is [null,5] per batch' },
  ])('$script on a 5-class model', async ({ script, flag, error }) => {
    const before = await snapshot(five);
    const run = await runScript(script, [flag, five, '--backend', 'wasm']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: ${five} ${error}`);
    expect(run.stdout).not.toContain('accuracy');
    expect(await snapshot(five)).toEqual(before);
  });

  test('evaluate on truncated weights', async () => {
    const run = await runScript('ml/cli/evaluate.ts', ['--model', truncated, '--backend', 'wasm']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: ${join(truncated, WEIGHTS_BIN)}: 4000 bytes where ${join(truncated, 'model.json')} needs 181974`);
  });

  test('evaluate --report under a file is refused before evaluating, naming the path given', async () => {
    await writeFile(join(dir, 'plain-file'), 'x');
    const report = join(dir, 'plain-file', 'report');
    const run = await runScript('ml/cli/evaluate.ts', ['--model', SHIPPED, '--backend', 'wasm', '--report', report]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: cannot write --report ${report}: ${join(dir, 'plain-file')} is a file, not a folder`);
    expect(run.stdout).toBe('');
  });

  test('--resume from a corrupt state.json names the file', async () => {
    const out = join(dir, 'resumed');
    await mkdir(`${out}.checkpoint`);
    await writeFile(join(`${out}.checkpoint`, 'state.json'), '{"arch": "def');
    const run = await runScript('ml/cli/train.ts', ['--resume', '--out', out, '--backend', 'wasm']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: ${join(`${out}.checkpoint`, 'state.json')} is not valid JSON`);
  });
});

test('--force replaces a model, rebuilds the index and leaves no backup behind', { timeout: 300_000 }, async () => {
  const models = join(dir, 'forced', 'models');
  await cp(SHIPPED_MODELS, models, { recursive: true });
  const seedBefore = await snapshot(join(models, 'seed'));
  const run = await runScript('ml/cli/train.ts', ['--limit', '64', '--batch-size', '32', '--epochs', '1', '--workers', '1', '--backend', 'wasm', '--out', join(models, 'default'), '--force']);
  expect(run.stderr).not.toMatch(/error|warning/);
  expect(run.code).toBe(0);
  const metadata = JSON.parse(await readFile(join(models, 'default', METADATA_JSON), 'utf8')) as { limit: number; testAccuracy: number };
  expect(metadata.limit).toBe(64);
  const index = parseModelIndex(JSON.parse(await readFile(join(models, INDEX_JSON), 'utf8')));
  expect(index.models.find((m) => m.name === 'default')?.testAccuracy).toBe(metadata.testAccuracy);
  expect((await readdir(models)).sort()).toEqual(['default', INDEX_JSON, 'pieces', 'seed']);
  expect(await snapshot(join(models, 'seed'))).toEqual(seedBefore);
});
