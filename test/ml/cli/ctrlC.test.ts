import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { METADATA_JSON } from '../../../ml/models/modelFiles.ts';
import { runScript, type ScriptRun } from '../../support/runScript.ts';

// Ctrl-C through the real `npm run train` in a run of 13 steps an epoch, at the steps where the loop
// does something different: the first, one inside an epoch, and the steps at and after an epoch end
// (with its validation and checkpoint), each against an existing model given with
// --force: every run must stop at the step it was at, save a checkpoint there, and leave the model
// untouched. Every step count from 1 to 25 once ran here; the steps between these behaved alike.

const STEPS_PER_EPOCH = 13;
const BATCH = 8;
const RUN = ['--limit', String(BATCH * STEPS_PER_EPOCH), '--batch-size', String(BATCH), '--epochs', '3', '--seed', '3', '--workers', '1', '--backend', 'wasm', '--log-steps', '--force'];
/** a small model directory to stand for the user's model at --out */
const EXISTING = resolve('assets', 'models', 'pieces');
/** runs at once: each is a Node process training on the shared cores */
const AT_ONCE = 2;
/** how long a run is frozen at the marker for its output to arrive: a pipe delivers in well under this */
const FROZEN_MS = 300;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hd-ctrl-c-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function digest(path: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(path)).sort()) hash.update(name).update(await readFile(join(path, name)));
  return hash.digest('hex');
}

let running = 0;
const waiting: (() => void)[] = [];
async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

async function checkpointStep(out: string): Promise<number> {
  const state = JSON.parse(await readFile(join(`${out}.checkpoint`, 'state.json'), 'utf8')) as { state: { epoch: number; step: number } };
  return state.state.epoch * STEPS_PER_EPOCH + state.state.step;
}

const STEP_COUNTS = [1, 5, 13, 14];
const received: Record<number, number> = {};

describe('Ctrl-C during training', () => {
  test.concurrent.each(STEP_COUNTS)('after step %i: stops at the next step, checkpoints there, the model at --out untouched', { timeout: 600_000 }, async (k) => {
    const out = join(dir, `run-${k}`);
    await cp(EXISTING, out, { recursive: true });
    const before = await digest(out);
    const run = await limited(() => runScript('ml/cli/train.ts', [...RUN, '--out', out], { interrupt: { marker: `\nstep ${k}/`, afterMs: 0, frozenMs: FROZEN_MS } }));
    expect(run.code, run.stderr).toBe(130);
    // the last step printed before the signal arrived: the run was then between it and the next one
    const printed = [...(run.stdoutAtSignal ?? '').matchAll(/^step (\d+)\//gm)].map((m) => Number(m[1]));
    const last = Math.max(...printed);
    expect(last).toBeGreaterThanOrEqual(k);
    // the step count when the signal was handled, and where the loop stopped: the step it had printed
    // last if it had not started the next one, else that next one; never later
    const handled = Number(/Ctrl-C: stopping after step (\d+)/.exec(run.stdout)?.[1]);
    expect([last, last + 1]).toContain(handled);
    received[k] = handled - last;
    expect(run.stdout).toContain(`(${handled} steps done); ${out} is unchanged`);
    expect(await checkpointStep(out)).toBe(handled);
    expect(await digest(out)).toBe(before);
  });

  afterAll(() => {
    const late = STEP_COUNTS.map((k) => received[k] ?? Number.NaN);
    console.log(`steps between the last printed before the Ctrl-C and the one it stopped after: ${late.join(' ')}`);
  });
});

describe('a run resumed from its checkpoint', () => {
  const out = () => join(dir, 'run-5');

  test('refuses flags that contradict the checkpoint, naming each', async () => {
    const run = await runScript('ml/cli/train.ts', ['--resume', '--out', out(), '--force', '--epochs', '9', '--lr', '0.5', '--batch-size', String(BATCH)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--epochs 9 (the checkpoint's run has 3), --lr 0.5 (the checkpoint's run has 0.01) contradict it");
    expect(run.stderr).not.toContain(`--batch-size ${BATCH} (`);
  });

  let interrupted: ScriptRun;
  test('Ctrl-C after training (during the test evaluation) saves nothing over --out and can be resumed', { timeout: 300_000 }, async () => {
    const before = await digest(out());
    interrupted = await runScript('ml/cli/train.ts', ['--resume', '--out', out(), '--force', '--backend', 'wasm', '--epochs', '3'], { marker: 'calibrated', afterMs: 0 });
    expect(interrupted.code, interrupted.stderr).toBe(130);
    expect(interrupted.stdout).toContain(`interrupted after training, before saving: ${out()} is unchanged`);
    expect(await digest(out())).toBe(before);
    expect(await checkpointStep(out())).toBe(3 * STEPS_PER_EPOCH);
  });

  test('the next --resume calibrates, tests and saves without training again, and removes the checkpoint', { timeout: 300_000 }, async () => {
    const run = await runScript('ml/cli/train.ts', ['--resume', '--out', out(), '--force', '--backend', 'wasm']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/^epoch /m);
    const metadata = JSON.parse(await readFile(join(out(), METADATA_JSON), 'utf8')) as { limit: number; seed: number; epochs: number };
    expect([metadata.limit, metadata.seed, metadata.epochs]).toEqual([BATCH * STEPS_PER_EPOCH, 3, 3]);
    expect(existsSync(`${out()}.checkpoint`)).toBe(false);
  });
});
