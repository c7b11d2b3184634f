import { describe, expect, test } from 'vitest';
import { createRandom } from '../../../../common/random.ts';
import { announceModeChange, announcePrediction } from '../../../../game/shell/state/announcement.ts';
import { stroke } from '../../../../common/ink/brush.ts';
import type { ChallengeSettings } from '../../../../game/shell/state/challengeConfig.ts';
import { createGrid } from '../../../../common/ink/grid.ts';
import { MENU, next, type Mode, type ModeEvent } from '../../../../game/shell/state/modes.ts';
import { BLANK_PREDICTION, interpret, noGuess } from '../../../../game/shell/state/prediction.ts';

const SETTINGS: ChallengeSettings = { rounds: 2, roundMs: 10_000, confidence: 0.9, resultMs: 1_000 };

function oneHot(digit: number, p: number): number[] {
  return Array.from({ length: 10 }, (_, d) => (d === digit ? p : (1 - p) / 9));
}

/** Ink enough for a digit (common/inkCheck.ts), so the mode machine takes the guess. */
function drawing(): Float32Array {
  const grid = createGrid(28, 28);
  stroke(grid, { gx: 10, gy: 4 }, { gx: 16, gy: 23 });
  return grid.cells;
}

describe('announcePrediction', () => {
  test.each([
    ['a confident 7', interpret(oneHot(7, 0.97)), '7, sure'],
    ['an unsure 4', interpret(oneHot(4, 0.45)), '4, not sure'],
    ['a blank canvas', BLANK_PREDICTION, 'blank'],
    ['ink of no digit\'s shape', noGuess('not-a-digit'), 'not a digit'],
  ])('%s', (_, prediction, text) => {
    expect(announcePrediction(prediction)).toBe(text);
  });
});

describe('announceModeChange over a scripted challenge', () => {
  test('target, win, time-out and the final score, and silence in between', () => {
    const random = createRandom(3);
    const heard: string[] = [];
    let mode: Mode = MENU;
    const at = (clock: number, event: ModeEvent): Mode => {
      const after = next(mode, event, clock, random);
      const text = announceModeChange(mode, after, clock);
      if (text !== null) heard.push(text);
      mode = after;
      return after;
    };
    const target = (): number => {
      if (mode.kind !== 'challenge') throw new Error(`expected a challenge, in ${mode.kind}`);
      return mode.target;
    };
    at(0, { type: 'startChallenge', settings: SETTINGS });
    const first = target();
    at(500, { type: 'tick' });
    at(2_000, { type: 'prediction', guess: { digit: (first + 1) % 10, confidence: 0.99 }, drawing: drawing() });
    at(3_000, { type: 'prediction', guess: { digit: first, confidence: 0.95 }, drawing: drawing() });
    at(3_500, { type: 'tick' });
    at(4_000, { type: 'tick' });
    const second = target();
    at(14_000, { type: 'tick' });
    const end = at(15_000, { type: 'tick' });
    expect(end.kind).toBe('summary');
    const score = end.kind === 'summary' ? end.score : -1;
    const article = (digit: number): string => (digit === 8 ? 'an' : 'a');
    expect(heard).toEqual([
      `Round 1 of 2: draw ${article(first)} ${first}, 10 seconds`,
      expect.stringMatching(new RegExp(`^Got it! plus \\d+ points, score ${score}$`)),
      `Round 2 of 2: draw ${article(second)} ${second}, 10 seconds`,
      "Time's up, nothing drawn",
      `Game over: score ${score}, 1 of 2 rounds won`,
    ]);
  });

  test('leaving for the menu or free draw says nothing', () => {
    expect(announceModeChange(MENU, { kind: 'free' }, 0)).toBeNull();
    expect(announceModeChange({ kind: 'free' }, MENU, 0)).toBeNull();
  });
});
