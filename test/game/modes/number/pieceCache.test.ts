import { describe, expect, test } from 'vitest';
import { NUM_CLASSES } from '../../../../common/digit.ts';
import { stroke } from '../../../../common/ink/brush.ts';
import { createGrid } from '../../../../common/ink/grid.ts';
import type { ClassifyBatch } from '../../../../common/segmentation/readNumber.ts';
import { LiveNumber } from '../../../../game/modes/number/liveNumber.ts';
import { PieceCache } from '../../../../game/modes/number/pieceCache.ts';
import type { Timer } from '../../../../game/shell/platform/timer.ts';

const SOON: Timer = { now: () => 0, after: (_ms, run) => void setTimeout(run, 0) };

/** A model that reads each input as `digitOf` it (by default its first value x 10) and records each batch it is given. */
function recording(digitOf = (input: Float32Array) => Math.round((input[0] ?? 0) * 10)): { model: ClassifyBatch; batches: Float32Array[][] } {
  const batches: Float32Array[][] = [];
  const model: ClassifyBatch = (batch) => {
    batches.push([...batch]);
    return batch.map((input) => {
      const p = new Float32Array(NUM_CLASSES);
      p[digitOf(input) % NUM_CLASSES] = 1;
      return p;
    });
  };
  return { model, batches };
}

const input = (first: number, length = 4): Float32Array => Float32Array.from({ length }, (_, i) => (i === 0 ? first : i / 10));

describe('PieceCache', () => {
  test('a second batch sends the model only the inputs it has not seen, in one call, and answers in order', async () => {
    const { model, batches } = recording();
    const cached = new PieceCache().wrap(model);
    await cached([input(0.1), input(0.2), input(0.3)]);
    const second = await cached([input(0.3), input(0.5), input(0.1), input(0.6)]);
    expect(batches.map((b) => b.map((x) => x[0]))).toEqual([[0.1, 0.2, 0.3].map(Math.fround), [0.5, 0.6].map(Math.fround)]);
    expect(second.map((p) => p.indexOf(1))).toEqual([3, 5, 1, 6]);
    await cached([input(0.5), input(0.6)]);
    expect(batches).toHaveLength(2);
  });

  test('inputs differing in one value are different pieces', async () => {
    const { model, batches } = recording();
    const cached = new PieceCache().wrap(model);
    const a = input(0.2);
    const b = input(0.2);
    b[3] = 0.31;
    await cached([a]);
    await cached([b]);
    expect(batches).toHaveLength(2);
  });

  test('another model starts from an empty cache', async () => {
    const first = recording();
    const second = recording();
    const cache = new PieceCache();
    await cache.wrap(first.model)([input(0.1)]);
    await cache.wrap(second.model)([input(0.1)]);
    await cache.wrap(first.model)([input(0.1)]);
    expect([first.batches.length, second.batches.length]).toEqual([2, 1]);
  });

  test('keeps at most its capacity, the least recently used leaving first', async () => {
    const { model, batches } = recording();
    const cached = new PieceCache(2).wrap(model);
    await cached([input(0.1), input(0.2)]);
    await cached([input(0.1)]);
    await cached([input(0.3)]);
    await cached([input(0.1)]);
    expect(batches).toHaveLength(2);
    await cached([input(0.2)]);
    expect(batches).toHaveLength(3);
  });
});

describe('LiveNumber reads as you write', () => {
  test('a second reading with one piece changed classifies only that piece', async () => {
    const { model, batches } = recording(() => 1);
    const grid = createGrid(112, 28);
    const live = new LiveNumber({ grid, classifier: () => model, verifier: () => null, show: () => undefined, timer: SOON, intervalMs: 0 });
    for (const gx of [15, 50, 85]) stroke(grid, { gx, gy: 5 }, { gx, gy: 23 });
    grid.version++;
    live.request();
    expect((await live.settled()).text).toBe('111');
    expect(batches[0]).toHaveLength(3);

    // the middle "1" is written thicker: that piece's ink changes, the other two stay as they were
    stroke(grid, { gx: 51, gy: 5 }, { gx: 51, gy: 23 });
    grid.version++;
    live.request();
    expect((await live.settled()).text).toBe('111');
    expect(batches).toHaveLength(2);
    expect(batches[1]).toHaveLength(1);
    expect(batches[0]?.some((seen) => seen.every((v, i) => v === batches[1]?.[0]?.[i]))).toBe(false);
  });
});
