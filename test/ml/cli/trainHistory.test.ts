import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { METADATA_JSON } from '../../../ml/models/modelFiles.ts';
import { runScript } from '../../support/runScript.ts';

// The model card (game/modes/inside/state/modelCard.ts) draws its curve from metadata.json's history: a real,
// tiny `npm run train` must leave one point per evaluation with validation accuracy and loss.

interface Point { epoch: number; validationAccuracy: number; validationLoss: number; trainLoss: number; seconds: number }

test('npm run train records validation accuracy and loss at every evaluation, the time and the backend', { timeout: 300_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hd-history-'));
  try {
    const out = join(dir, 'tiny');
    // the seed: the cheapest architecture to train and to read the validation and test images with
    const run = await runScript('ml/cli/train.ts', ['--limit', '2048', '--batch-size', '32', '--epochs', '1', '--evaluate-every', '0.25', '--workers', '1', '--backend', 'wasm', '--arch', 'seed', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const metadata = JSON.parse(await readFile(join(out, METADATA_JSON), 'utf8')) as { history: Point[]; trainingSeconds: number; backend: string };
    expect(metadata.history.map((p) => p.epoch)).toEqual([0.25, 0.5, 0.75, 1]);
    for (const point of metadata.history) {
      expect(point.validationAccuracy).toBeGreaterThanOrEqual(0);
      expect(point.validationAccuracy).toBeLessThanOrEqual(1);
      expect(point.validationLoss).toBeGreaterThan(0);
      expect(point.validationLoss).toBeLessThan(20);
    }
    // Three quarters of an epoch of 2,048 images (48 steps of 32) must lower the validation loss from its first
    // reading; on 512 images the seed's loss still wanders by more than it falls.
    expect(metadata.history.at(-1)?.validationLoss).toBeLessThan(metadata.history[0]?.validationLoss ?? 0);
    const seconds = metadata.history.map((p) => p.seconds);
    expect([...seconds].sort((a, b) => a - b)).toEqual(seconds);
    expect(metadata.trainingSeconds).toBeGreaterThanOrEqual(0);
    expect(metadata.backend).toMatch(/^wasm/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
