import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rejectThresholdIn } from '../../../common/reading.ts';
import { resolvePenDir } from '../../../ml/data/pen.ts';
import { METADATA_JSON, MODEL_JSON, WEIGHTS_BIN } from '../../../ml/models/modelFiles.ts';
import { REJECT_TARGET } from '../../../ml/training/penTraining.ts';
import { runScript } from '../../support/runScript.ts';
import { snapshot } from '../../support/snapshot.ts';

const PEN_DIR = resolvePenDir({});
const SHIPPED = resolve('assets', 'models', 'default');
let dir: string;
let copy: string;

async function metadataOf(model: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(model, METADATA_JSON), 'utf8')) as Record<string, unknown>;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'calibrate-rejection-'));
  copy = join(dir, 'default');
  await cp(SHIPPED, copy, { recursive: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run calibrate -- --rejection', () => {
  test('without pen data it says what it needs, exits non-zero and leaves the model as it was', async () => {
    const before = await snapshot(copy);
    const run = await runScript('ml/cli/calibrate.ts', ['--model', copy, '--rejection', '--backend', 'wasm']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--rejection needs the pen data: give --pen-dir or set PEN_DIR');
    expect(await snapshot(copy)).toEqual(before);
  });

  test('a model without a "not a digit" output is refused, untouched', async () => {
    const seed = join(dir, 'seed');
    await cp(resolve('assets', 'models', 'seed'), seed, { recursive: true });
    const before = await snapshot(seed);
    const run = await runScript('ml/cli/calibrate.ts', ['--model', seed, '--rejection', '--pen-dir', PEN_DIR ?? dir, '--backend', 'wasm']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`--rejection: ${seed} has no "not a digit" output`);
    expect(await snapshot(seed)).toEqual(before);
  });

  test.skipIf(!PEN_DIR)('chooses the shipped threshold again from a wrong one, rewriting metadata.json alone (needs PEN_DIR)', { timeout: 300_000 }, async () => {
    const shipped = await metadataOf(SHIPPED);
    const shippedThreshold = rejectThresholdIn(shipped);
    if (shippedThreshold === null) throw new Error('the shipped default records no "not a digit" threshold');
    await writeFile(join(copy, METADATA_JSON), JSON.stringify({ ...shipped, rejection: { threshold: 0.3 } }, null, 2));
    const weights = await readFile(join(copy, WEIGHTS_BIN));
    const topology = await readFile(join(copy, MODEL_JSON));

    const run = await runScript('ml/cli/calibrate.ts', ['--model', copy, '--rejection', '--pen-dir', PEN_DIR ?? '', '--backend', 'wasm']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(was 0.300)');

    const after = await metadataOf(copy);
    // the same weights, validation writers and MNIST validation digits give the shipped threshold
    expect(rejectThresholdIn(after)).toBeCloseTo(shippedThreshold, 3);
    expect((after.rejection as Record<string, unknown>).falseRejectTarget).toBe(REJECT_TARGET);
    expect({ ...after, rejection: null }).toEqual({ ...shipped, rejection: null });
    expect(await readFile(join(copy, WEIGHTS_BIN))).toEqual(weights);
    expect(await readFile(join(copy, MODEL_JSON))).toEqual(topology);
  });
});
