import { describe, expect, test } from 'vitest';
import { NUM_CLASSES } from '../../../../common/digit.ts';
import { NOT_ONE_DIGIT, PIECE_CLASSES, type ClassifyBatch, type VerifyBatch } from '../../../../common/segmentation/readNumber.ts';
import { stroke } from '../../../../common/ink/brush.ts';
import { createGrid, type Grid } from '../../../../common/ink/grid.ts';
import { LiveNumber } from '../../../../game/modes/number/liveNumber.ts';
import { BLANK_NUMBER, type NumberReport } from '../../../../game/shell/state/numberReport.ts';
import type { Timer } from '../../../../game/shell/platform/timer.ts';

/** Timers fire on the next macrotask; no interval, so every request reads at once. */
const SOON: Timer = { now: () => 0, after: (_ms, run) => void setTimeout(run, 0) };

/** Every piece read as `digit` with `confidence`. */
function always(digit: number, confidence: number): ClassifyBatch {
  return (batch) => batch.map(() => {
    const p = new Float32Array(NUM_CLASSES).fill((1 - confidence) / (NUM_CLASSES - 1));
    p[digit] = confidence;
    return p;
  });
}

/** Upright bars, 18 cells tall, at the given columns of a 28-row grid: clearly separate "1"s. */
function bars(grid: Grid, columns: readonly number[]): void {
  for (const gx of columns) stroke(grid, { gx, gy: 5 }, { gx, gy: 23 });
  grid.version++;
}

function setup(classify: ClassifyBatch | null, verifier: () => VerifyBatch | null = () => null) {
  const grid = createGrid(112, 28);
  const shown: NumberReport[] = [];
  const live = new LiveNumber({ grid, classifier: () => classify, verifier, show: (r) => shown.push(r), timer: SOON, intervalMs: 0 });
  return { grid, shown, live };
}

describe('LiveNumber', () => {
  test('reads the ink as a number with a box per digit in grid cells, left to right', async () => {
    const { grid, shown, live } = setup(always(1, 0.95));
    bars(grid, [20, 60]);
    live.request();
    const report = await live.settled();
    expect(report.text).toBe('11');
    expect(report.digits.map((d) => d.digit)).toEqual([1, 1]);
    const [left, right] = report.digits;
    expect(left?.box.x0).toBeLessThanOrEqual(20);
    expect(left?.box.x1).toBeGreaterThanOrEqual(20);
    expect(right?.box.x0).toBeGreaterThan(left?.box.x1 ?? Infinity);
    expect(left?.box.y0).toBeLessThanOrEqual(5);
    expect(left?.box.y1).toBeGreaterThanOrEqual(22);
    expect(left?.confidence).toBeCloseTo(0.95, 5);
    expect(left?.unsure).toBe(false);
    expect(shown[shown.length - 1]).toBe(report);
    // plain JSON: no pixel arrays cross into window.handwrittenDigits
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  test('each answer shown comes with how long reading it took; the blank after a Reset with 0', async () => {
    let clock = 0;
    // the clock moves 7 ms whenever the reading looks at it: start and end of one reading are 7 apart
    const ticking: Timer = { now: () => (clock += 7), after: (_ms, run) => void setTimeout(run, 0) };
    const grid = createGrid(112, 28);
    const times: number[] = [];
    const live = new LiveNumber({ grid, classifier: () => always(1, 0.95), verifier: () => null, show: (_r, ms) => times.push(ms), timer: ticking, intervalMs: 0 });
    bars(grid, [20]);
    live.request();
    await live.settled();
    expect(times).toEqual([7]);
    live.reset();
    expect(times).toEqual([7, 0]);
  });

  test('a piece verifier that arrives later is used for the same ink once reread() is called', async () => {
    let verifier: VerifyBatch | null = null;
    let verified = 0;
    const { grid, shown, live } = setup(always(1, 0.95), () => verifier);
    bars(grid, [20, 60]);
    live.request();
    expect((await live.settled()).text).toBe('11');
    const readings = shown.length;
    verifier = (batch) => {
      verified += batch.length;
      return batch.map(() => Float32Array.from({ length: PIECE_CLASSES }, (_, k) => (k === NOT_ONE_DIGIT ? 0.05 : 0.095)));
    };
    // unchanged ink is not read again by itself...
    live.request();
    expect((await live.settled()).text).toBe('11');
    expect(verified).toBe(0);
    // ...but is once a model arrived
    live.reread();
    expect((await live.settled()).text).toBe('11');
    expect(verified).toBeGreaterThan(0);
    expect(shown.length).toBe(readings + 1);
  });

  test('low confidence is reported as unsure', async () => {
    const { grid, live } = setup(always(7, 0.4));
    bars(grid, [50]);
    live.request();
    expect((await live.settled()).digits).toMatchObject([{ digit: 7, unsure: true }]);
  });

  test('a blank grid reads as no number, without calling the model', async () => {
    let calls = 0;
    const { grid, live } = setup((batch) => {
      calls++;
      return always(1, 1)(batch);
    });
    grid.version++;
    live.request();
    expect(await live.settled()).toEqual(BLANK_NUMBER);
    expect(calls).toBe(0);
  });

  test('a Reset while the model runs wins: the stale answer is dropped', async () => {
    let release = (): void => undefined;
    const slow: ClassifyBatch = (batch) => new Promise((resolve) => {
      release = () => { resolve(always(4, 0.9)(batch)); };
    });
    const { grid, shown, live } = setup(slow);
    bars(grid, [30]);
    live.request();
    await new Promise((resolve) => setTimeout(resolve, 10));
    live.reset();
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(live.current()).toEqual(BLANK_NUMBER);
    expect(shown.every((r) => r.text === '')).toBe(true);
    expect(grid.cells.every((v) => v === 0)).toBe(true);
  });

  test('without a model nothing is read and settled() does not hang', async () => {
    const { grid, live } = setup(null);
    bars(grid, [30]);
    live.request();
    expect(await live.settled()).toEqual(BLANK_NUMBER);
  });
});
