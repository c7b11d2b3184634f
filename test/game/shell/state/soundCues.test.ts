import { describe, expect, test } from 'vitest';
import { createRandom } from '../../../../common/random.ts';
import type { ChallengeSettings } from '../../../../game/shell/state/challengeConfig.ts';
import { stroke } from '../../../../common/ink/brush.ts';
import { createGrid } from '../../../../common/ink/grid.ts';
import { MENU, next, type Mode, type ModeEvent } from '../../../../game/shell/state/modes.ts';
import { cuesFor, CUE_NOTES, type Cue } from '../../../../game/shell/state/soundCues.ts';

const SETTINGS: ChallengeSettings = { rounds: 2, roundMs: 5_000, confidence: 0.9, resultMs: 1_000 };

function drawing(): Float32Array {
  const grid = createGrid(28, 28);
  stroke(grid, { gx: 10, gy: 4 }, { gx: 14, gy: 23 });
  return grid.cells;
}

/** Plays events at clocks and collects every cue, as the page would per frame. */
function play(settings: ChallengeSettings, steps: readonly (readonly [number, ModeEvent | 'win'])[]): Cue[] {
  const random = createRandom(4);
  const game: { mode: Mode; clock: number } = { mode: MENU, clock: 0 };
  const heard: Cue[] = [];
  const apply = (at: number, event: ModeEvent): void => {
    const after = next(game.mode, event, at, random);
    heard.push(...cuesFor(game.mode, after, game.clock, at));
    game.mode = after;
    game.clock = at;
  };
  apply(0, { type: 'startChallenge', settings });
  for (const [at, step] of steps) {
    const target = game.mode.kind === 'challenge' ? game.mode.target : 0;
    apply(at, step === 'win' ? { type: 'prediction', guess: { digit: target, confidence: 0.99 }, drawing: drawing() } : step);
  }
  return heard;
}

/** A tick every 100 ms from `from` to `to`. */
function ticks(from: number, to: number): (readonly [number, ModeEvent])[] {
  const out: (readonly [number, ModeEvent])[] = [];
  for (let t = from; t <= to; t += 100) out.push([t, { type: 'tick' }]);
  return out;
}

describe('cuesFor', () => {
  test('a lost round ticks the last three seconds, then the loss; a won game ends with the game-over cue', () => {
    const heard = play(SETTINGS, [...ticks(100, 5_000), ...ticks(5_100, 6_000), [6_500, 'win'], ...ticks(6_600, 8_000)]);
    expect(heard).toEqual(['tick', 'tick', 'tick', 'loss', 'win', 'gameOver']);
  });

  test('no limit: no ticks, ever', () => {
    const heard = play({ ...SETTINGS, roundMs: null }, [...ticks(100, 20_000), [20_050, 'win']]);
    expect(heard).toEqual(['win']);
  });

  test('a quick win makes only the win sound; leaving makes none', () => {
    expect(play(SETTINGS, [[300, 'win'], [400, { type: 'tick' }], [500, { type: 'back' }]])).toEqual(['win']);
  });

  test('every cue has short, quiet notes', () => {
    for (const notes of Object.values(CUE_NOTES)) {
      expect(notes.length).toBeGreaterThan(0);
      for (const note of notes) {
        expect(note.at + note.duration).toBeLessThan(0.6);
        expect(note.gain).toBeLessThanOrEqual(0.3);
      }
    }
  });
});
