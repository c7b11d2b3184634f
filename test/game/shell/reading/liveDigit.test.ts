import { describe, expect, test } from 'vitest';
import { NUM_CLASSES } from '../../../../common/digit.ts';
import { FrameMeter } from '../../../../game/shell/frames/frameMeter.ts';
import { LiveDigit } from '../../../../game/shell/reading/liveDigit.ts';
import { RecentMs } from '../../../../game/shell/frames/recentMs.ts';
import type { DigitModel, Recognition } from '../../../../game/shell/reading/recognise.ts';
import type { Timer } from '../../../../game/shell/platform/timer.ts';
import { stroke } from '../../../../common/ink/brush.ts';
import { createGrid, type Grid } from '../../../../common/ink/grid.ts';

/** Timers fire on the next macrotask; no interval, so every request reads at once. */
const SOON: Timer = { now: () => 0, after: (_ms, run) => void setTimeout(run, 0) };

/** A model that answers `digit` only when the test releases it, to model a slow prediction. */
class HeldModel implements DigitModel {
  calls = 0;
  private releases: (() => void)[] = [];
  constructor(private readonly digit: number) {}
  classify(): Promise<Float32Array> {
    this.calls++;
    const p = new Float32Array(NUM_CLASSES).fill(0.01);
    p[this.digit] = 0.91;
    return new Promise((resolve) => this.releases.push(() => { resolve(p); }));
  }
  release(): void {
    for (const run of this.releases.splice(0)) run();
  }
}

/** A tall "1" in the middle of the 28x28 grid. */
function drawOne(grid: Grid): void {
  stroke(grid, { gx: 14, gy: 5 }, { gx: 14, gy: 23 });
  grid.version++;
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function setup(model: DigitModel | null) {
  const grid = createGrid(28, 28);
  const shown: Recognition[] = [];
  const latencies = new RecentMs();
  const live = new LiveDigit({ grid, model: () => model, rejectThreshold: () => null, show: (r) => shown.push(r), latencies, meter: new FrameMeter(), timer: SOON, intervalMs: 0 });
  return { grid, shown, latencies, live };
}

describe('LiveDigit', () => {
  test('shows the model answer for the ink and settles on it', async () => {
    const model = new HeldModel(1);
    const { grid, shown, latencies, live } = setup(model);
    drawOne(grid);
    live.request();
    const settled = live.settled();
    await flush();
    model.release();
    const prediction = await settled;
    expect(prediction).toMatchObject({ blank: false, digit: 1 });
    expect(live.current()).toBe(prediction);
    expect(shown.map((r) => r.gridVersion)).toEqual([grid.version]);
    expect(latencies.list()).toHaveLength(1);
  });

  test('a Reset while the model runs wins: the late answer for the old ink is dropped', async () => {
    const model = new HeldModel(1);
    const { grid, shown, latencies, live } = setup(model);
    drawOne(grid);
    live.request();
    await flush();
    expect(model.calls).toBe(1);
    live.reset();
    model.release();
    await flush();
    await flush();
    expect(live.current().blank).toBe(true);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.prediction.blank).toBe(true);
    // the dropped reading still counts for the benchmark
    expect(latencies.list()).toHaveLength(1);
  });

  test('without a model nothing is read and the blank answer stays', async () => {
    const { grid, shown, live } = setup(null);
    drawOne(grid);
    live.request();
    await flush();
    expect(shown).toEqual([]);
    expect(live.current().blank).toBe(true);
  });
});
