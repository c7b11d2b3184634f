import { expect, test } from 'vitest';
import { createRandom } from '../../../../common/random.ts';
import { stroke } from '../../../../common/ink/brush.ts';
import { createGrid } from '../../../../common/ink/grid.ts';
import { MENU, next, type Mode } from '../../../../game/shell/state/modes.ts';
import { reportMode } from '../../../../game/shell/state/modeReport.ts';

const SETTINGS = { rounds: 1, roundMs: 8_000, confidence: 0.9, resultMs: 1_000 };

test('reports a challenge with 1-based rounds, then its summary without pixels', () => {
  const random = createRandom(5);
  let mode: Mode = next(MENU, { type: 'startChallenge', settings: SETTINGS }, 0, random);
  if (mode.kind !== 'challenge') throw new Error('not started');
  const target = mode.target;
  expect(reportMode(mode, 2_000)).toEqual({
    kind: 'challenge', round: 1, rounds: 1, target, phase: 'drawing', score: 0, streak: 0, secondsLeft: 6, guess: null, results: [],
  });
  const guess = { digit: target, confidence: 0.97 };
  const grid = createGrid(28, 28);
  stroke(grid, { gx: 14, gy: 4 }, { gx: 14, gy: 23 });
  mode = next(mode, { type: 'prediction', guess, drawing: grid.cells }, 2_000, random);
  expect(reportMode(mode, 2_500)).toMatchObject({
    phase: 'won', secondsLeft: 6, streak: 1, score: 175, guess, results: [{ target, won: true, points: 175 }],
  });
  mode = next(mode, { type: 'tick' }, 3_000, random);
  expect(reportMode(mode, 3_000)).toEqual({
    kind: 'summary', rounds: 1, score: 175,
    results: [{ target, won: true, seconds: 2, digit: target, confidence: 0.97, points: 175 }],
  });
  expect(reportMode(MENU, 0)).toEqual({ kind: 'menu' });
  expect(reportMode({ kind: 'number' }, 0)).toEqual({ kind: 'number' });
});
