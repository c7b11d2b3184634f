import { describe, expect, test } from 'vitest';
import { candidateCuts } from '../../common/cuts.ts';

describe('candidateCuts', () => {
  test.each([
    { name: 'two strokes joined by a thin bridge: cut in the bridge', profile: [9, 9, 2, 1, 1, 2, 9, 9], cuts: [4] },
    { name: 'no valley, no cut', profile: [1, 2, 3, 4, 5, 6], cuts: [] },
    { name: 'a valley too close to the edge leaves too narrow a piece', profile: [9, 1, 9, 9, 9, 9, 9, 9], cuts: [] },
    { name: 'deepest valleys first, at most maxCuts', profile: [9, 9, 5, 9, 9, 1, 9, 9, 3, 9, 9], cuts: [6, 9] },
  ])('$name', ({ profile, cuts }) => {
    expect(candidateCuts(Float32Array.from(profile), { minPiece: 2, maxCuts: 2 })).toEqual(cuts);
  });
});
