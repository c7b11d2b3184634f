import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { METADATA_JSON, MODEL_JSON } from '../../../ml/models/modelFiles.ts';
import { runScript } from '../../support/runScript.ts';

test('train-pieces: Ctrl-C saves a checkpoint, --resume finishes the same run and removes it', { timeout: 300_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hd-pieces-cli-'));
  const out = join(dir, 'pieces');
  const checkpoint = `${out}.checkpoint`;
  try {
    // Ctrl-C 1.5 s after the pieces are cut, while the four epochs are still running
    const first = await runScript('ml/cli/trainPieces.ts', ['--numbers', '150', '--epochs', '4', '--seed', '5', '--out', out], { marker: 'training pieces', afterMs: 1500 });
    expect(first.stdout).toContain('interrupted at epoch');
    expect(first.code).toBe(130);
    expect(existsSync(join(checkpoint, 'state.json'))).toBe(true);
    expect(existsSync(join(out, MODEL_JSON))).toBe(false);

    // A flag that contradicts the checkpoint is refused, naming it; flags left out come from the checkpoint.
    const contradicting = await runScript('ml/cli/trainPieces.ts', ['--resume', '--numbers', '7', '--seed', '5', '--out', out]);
    expect(contradicting.code).toBe(2);
    expect(contradicting.stderr).toContain("--numbers 7 (the checkpoint's run has 150) contradicts it");
    const second = await runScript('ml/cli/trainPieces.ts', ['--resume', '--seed', '5', '--out', out]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/resuming {4}epoch \d+, step \d+ of \{"seed":5,"numbers":150,"epochs":4\}/);
    expect(second.stdout).toContain('validation accuracy');
    const metadata = JSON.parse(await readFile(join(out, METADATA_JSON), 'utf8')) as { numbers: number; seed: number; recipe: { epochs: number } };
    expect([metadata.numbers, metadata.seed, metadata.recipe.epochs]).toEqual([150, 5, 4]);
    expect(existsSync(checkpoint)).toBe(false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
