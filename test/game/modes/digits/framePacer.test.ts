import { describe, expect, test } from 'vitest';
import { FramePacer } from '../../../../game/modes/digits/framePacer.ts';

/** Runs parts of the given durations on a fake clock; frames are counted, not waited for. */
async function pace(budgetMs: number, parts: readonly number[]): Promise<{ frames: readonly number[]; yields: number }> {
  let time = 0;
  let yields = 0;
  const pacer = new FramePacer(() => time, budgetMs, () => {
    yields++;
    time += 4;
    return Promise.resolve();
  });
  for (const ms of parts) {
    time += ms;
    await pacer.partDone();
  }
  return { frames: pacer.finish(), yields };
}

describe('FramePacer', () => {
  test.each([
    ['parts that fit four to a frame, the budget filled exactly', 12, [3, 3, 3, 3, 3, 3], [12, 6]],
    ['parts longer than half the budget, one to a frame', 12, [7, 7, 7], [7, 7, 7, 0]],
    ['a first part that runs long, alone in its frame, and the next ones alone while it is one of the last four', 12, [20, 3, 3, 3, 3, 3, 3], [20, 3, 3, 3, 9]],
    ['short parts do not let a longer kind in after them', 12, [5, 2, 2, 5], [9, 5]],
    ['a part longer than the budget, still run', 5, [8, 2], [8, 2, 0]],
  ])('%s', async (_, budget, parts, frames) => {
    const result = await pace(budget, parts);
    expect(result.frames).toEqual(frames);
    expect(result.yields).toBe(frames.length - 1);
  });
});
