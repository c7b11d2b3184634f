import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../scripts/server.ts';
import { REPO_ROOT, siteFile, type SiteFile } from '../../scripts/site.ts';
import { launchChromium, type Browser, skipReason, suiteTitle } from './harness.ts';
import { countReadRight, openGame } from '../../scripts/browser/draw.ts';
import { MNIST_DIR, mnistTestDigits } from '../../scripts/browser/mnistDigits.ts';
import { writeKeras } from '../../ml/keras/kerasWriter.ts';
import { loadModel } from '../../ml/models/modelFiles.ts';
import { runScript } from '../support/runScript.ts';
import { startGameServer } from './harness.ts';

// A Keras model that expects other inputs than ours (raw 0..255 bytes, black ink on white), made
// from the shipped seed by folding the inverse conversion into its first convolution, imported by
// the real command with the flags that say so, then played in the game via ?model=.

const SEED = join(REPO_ROOT, 'assets/models/seed');
const NAME = 'keras-seed';
const SKIP_REASON = skipReason({ files: ['assets/models/seed'], mnist: true });

/** The seed, rewritten to read v = 255 * (1 - x): kernel' = -kernel / 255, bias' = bias + sum(kernel) per filter. */
async function seedForInvertedBytes(): Promise<Uint8Array> {
  const model = await loadModel(SEED);
  const first = model.layers.find((l) => l.getClassName() === 'Conv2D');
  if (first === undefined) throw new Error('the seed has no Conv2D');
  const [kernel, bias] = first.getWeights();
  if (kernel === undefined || bias === undefined) throw new Error('the seed conv has no bias');
  const changed = tf.tidy(() => [tf.div(kernel, -255), tf.add(bias, tf.sum(kernel, [0, 1, 2]))]);
  first.setWeights(changed);
  tf.dispose(changed);
  const bytes = await writeKeras(model);
  model.dispose();
  return bytes;
}

describe.skipIf(SKIP_REASON !== null)(suiteTitle('an imported Keras model plays via ?model=', SKIP_REASON), () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hd-keras-e2e-'));
    const models = join(dir, 'models');
    await cp(join(REPO_ROOT, 'assets/models'), models, { recursive: true });
    const file = join(dir, 'inverted.keras');
    await writeFile(file, await seedForInvertedBytes());
    const run = await runScript('ml/cli/importKeras.ts', [file, '--name', NAME, '--models-dir', models, '--input-scale', '255', '--invert', '--backend', 'wasm']);
    if (run.code !== 0) throw new Error(`import-keras failed: ${run.stderr}`);
    const files = new Map<string, SiteFile>();
    for (const path of ['index.json', `${NAME}/model.json`, `${NAME}/weights.bin`]) files.set(`models/${path}`, siteFile(path, await readFile(join(models, path))));
    server = await startGameServer(files);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('the game loads it by name and reads real MNIST digits with it', { timeout: 180_000 }, async () => {
    const page = await browser.newPage({ width: 1280, height: 800 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openGame(page, `${server.url}?model=${NAME}`);
    expect(await page.evaluate(() => window.handwrittenDigits?.modelName())).toBe(NAME);
    expect(await page.evaluate(() => window.handwrittenDigits?.modelLabel() ?? '')).toMatch(new RegExp(`Model: ${NAME} · 9\\d\\.\\d\\d% MNIST test accuracy`));
    expect(await page.evaluate(() => window.handwrittenDigits?.message())).toBe('');
    const digits = await mnistTestDigits(1, MNIST_DIR ?? '');
    expect(await countReadRight(page, digits)).toBeGreaterThanOrEqual(9);
    expect(errors).toEqual([]);
    await page.close();
  });
});
