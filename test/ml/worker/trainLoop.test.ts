import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { IMAGE_PIXELS } from '../../../common/digit.ts';
import type { FromWorker, TrainProgress } from '../../../common/train/protocol.ts';
import type { TrainingSet } from '../../../common/train/trainingSet.ts';
import { initBackend } from '../../../ml/backend/backend.ts';
import { TrainLoop } from '../../../ml/worker/trainLoop.ts';

const SET: TrainingSet = {
  train: { images: new Float32Array(40 * IMAGE_PIXELS).map((_, i) => (i % 7) / 7), labels: Uint8Array.from({ length: 40 }, (_, i) => i % 10) },
  heldOut: { images: new Float32Array(10 * IMAGE_PIXELS).fill(0.2), labels: Uint8Array.from({ length: 10 }, (_, i) => i) },
};

/**
 * The worker's loop on a scripted clock: each wait advances it, and the test decides when the loop
 * may go on, so pause, restart and the speeds are checked step by step without a browser.
 */
function scripted() {
  let clock = 0;
  const messages: FromWorker[] = [];
  const waiting: (() => void)[] = [];
  const loop = new TrainLoop(SET, 'slow', {
    now: () => clock,
    post: (message) => { messages.push(message); },
    wait: (ms) => new Promise((resolve) => {
      clock += Math.max(ms, 1);
      waiting.push(resolve);
    }),
  });
  /** lets the loop take `n` more slices (one step each at a limited speed) */
  const run = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      await new Promise((resolve) => { setTimeout(resolve, 0); });
      waiting.shift()?.();
    }
    await new Promise((resolve) => { setTimeout(resolve, 0); });
  };
  const progress = (): TrainProgress[] => messages.filter((m): m is TrainProgress => m.type === 'progress');
  return { loop, run, progress, messages };
}

describe('the Train worker\'s loop', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  test('at a limited speed it reports every step, measures held-out accuracy at once, then on time', async () => {
    const { loop, run, progress } = scripted();
    loop.start();
    await run(3);
    const reports = progress();
    expect(reports.map((r) => r.steps).slice(0, 3)).toEqual([1, 2, 3]);
    expect(reports[0]?.accuracy).not.toBeNull();
    expect(reports[1]?.accuracy).toBeNull();
    loop.pause();
    loop.restart();
  });

  test('paused, it takes no step, however long it waits; a drawing is still read; resuming goes on', async () => {
    const { loop, run, progress } = scripted();
    loop.start();
    await run(2);
    loop.pause();
    const steps = progress().at(-1)?.steps;
    await run(5);
    expect(progress().at(-1)?.steps).toBe(steps);
    expect(progress().at(-1)?.paused).toBe(true);
    loop.setDrawing(new Float32Array(IMAGE_PIXELS).fill(0.3), 9);
    const read = progress().at(-1);
    expect(read?.guess).toHaveLength(10);
    expect(read?.guessFor).toBe(9);
    expect(read?.steps).toBe(steps);
    loop.resume();
    await run(2);
    expect(progress().at(-1)?.steps).toBeGreaterThan(steps ?? 0);
    loop.pause();
  });

  test('restart starts a new network from step 0 under a new run number, without leaking the old one\'s tensors', async () => {
    const { loop, run, progress } = scripted();
    loop.start();
    await run(2);
    loop.pause();
    const tensors = tf.memory().numTensors;
    loop.restart();
    expect(progress().at(-1)).toMatchObject({ run: 2, steps: 0, loss: null, accuracy: null });
    expect(tf.memory().numTensors).toBeLessThanOrEqual(tensors);
  });

  test('export sends the network\'s files for Keep', async () => {
    const { loop, run, messages } = scripted();
    loop.start();
    await run(1);
    loop.pause();
    await loop.exportModel();
    const model = messages.find((m) => m.type === 'model');
    expect(model?.type === 'model' && model.weightData.byteLength > 0).toBe(true);
  });
});
