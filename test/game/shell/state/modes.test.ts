import { describe, expect, test } from 'vitest';
import { createRandom, type Random } from '../../../../common/random.ts';
import type { ChallengeSettings } from '../../../../game/shell/state/challengeConfig.ts';
import {
  MENU,
  msLeft,
  next,
  pickTarget,
  startsNewRound,
  type ChallengeMode,
  type Mode,
  type ModeEvent,
} from '../../../../game/shell/state/modes.ts';
import { stroke } from '../../../../common/ink/brush.ts';
import { createGrid } from '../../../../common/ink/grid.ts';
import { pointsForWin } from '../../../../game/shell/state/scoring.ts';

const ROUND_MS = 10_000;
const SETTINGS: ChallengeSettings = { rounds: 3, roundMs: ROUND_MS, confidence: 0.9, resultMs: 1_000 };

/** A game driven by a fake clock: every step says when it happens. */
class Script {
  mode: Mode = MENU;
  readonly random: Random;
  constructor(seed = 1) {
    this.random = createRandom(seed);
  }
  at(clock: number, event: ModeEvent): Mode {
    this.mode = next(this.mode, event, clock, this.random);
    return this.mode;
  }
  challenge(): ChallengeMode {
    if (this.mode.kind !== 'challenge') throw new Error(`expected challenge, in ${this.mode.kind}`);
    return this.mode;
  }
  /** a confident guess of `digit` */
  guess(clock: number, digit: number, confidence = 0.95): Mode {
    return this.at(clock, { type: 'prediction', guess: { digit, confidence }, drawing: drawing(digit) });
  }
}

/** A plain stroke, a different one for each `which`. */
function drawing(which: number): Float32Array {
  const grid = createGrid(28, 28);
  stroke(grid, { gx: 6 + which, gy: 4 }, { gx: 12 + which, gy: 23 });
  return grid.cells;
}

function started(settings = SETTINGS, seed = 1, clock = 0): Script {
  const script = new Script(seed);
  script.at(clock, { type: 'startChallenge', settings });
  return script;
}

describe('menu, free draw and number', () => {
  test.each<[Mode, ModeEvent, Mode['kind']]>([
    [MENU, { type: 'chooseFree' }, 'free'],
    [MENU, { type: 'startChallenge', settings: SETTINGS }, 'challenge'],
    [MENU, { type: 'back' }, 'menu'],
    [MENU, { type: 'tick' }, 'menu'],
    [MENU, { type: 'playAgain' }, 'menu'],
    [{ kind: 'free' }, { type: 'back' }, 'menu'],
    [{ kind: 'free' }, { type: 'prediction', guess: { digit: 3, confidence: 1 }, drawing: drawing(3) }, 'free'],
    [{ kind: 'free' }, { type: 'startChallenge', settings: SETTINGS }, 'free'],
    [MENU, { type: 'chooseNumber' }, 'number'],
    [{ kind: 'free' }, { type: 'chooseNumber' }, 'free'],
    [{ kind: 'number' }, { type: 'back' }, 'menu'],
    [{ kind: 'number' }, { type: 'chooseFree' }, 'number'],
    [{ kind: 'number' }, { type: 'startChallenge', settings: SETTINGS }, 'number'],
    [{ kind: 'number' }, { type: 'prediction', guess: { digit: 3, confidence: 1 }, drawing: drawing(3) }, 'number'],
    [{ kind: 'number' }, { type: 'blank' }, 'number'],
    [MENU, { type: 'chooseSettings' }, 'settings'],
    [{ kind: 'settings' }, { type: 'back' }, 'menu'],
    [{ kind: 'settings' }, { type: 'startChallenge', settings: SETTINGS }, 'settings'],
    [{ kind: 'free' }, { type: 'chooseSettings' }, 'free'],
    [MENU, { type: 'chooseInside' }, 'inside'],
    [{ kind: 'free' }, { type: 'chooseInside' }, 'inside'],
    [{ kind: 'inside' }, { type: 'back' }, 'menu'],
    [{ kind: 'inside' }, { type: 'chooseFree' }, 'inside'],
    [{ kind: 'inside' }, { type: 'prediction', guess: { digit: 3, confidence: 1 }, drawing: drawing(3) }, 'inside'],
    [{ kind: 'number' }, { type: 'chooseInside' }, 'number'],
  ])('%o + %o -> %s', (mode, event, kind) => {
    expect(next(mode, event, 0, createRandom(1)).kind).toBe(kind);
  });

  test('an event that changes nothing returns the same object', () => {
    const free: Mode = { kind: 'free' };
    expect(next(free, { type: 'tick' }, 5, createRandom(1))).toBe(free);
    const number: Mode = { kind: 'number' };
    expect(next(number, { type: 'tick' }, 5, createRandom(1))).toBe(number);
    expect(next(number, { type: 'chooseNumber' }, 5, createRandom(1))).toBe(number);
    expect(next(MENU, { type: 'back' }, 5, createRandom(1))).toBe(MENU);
  });
});

describe('a challenge round', () => {
  test('starts at round 0 with a target, full time and no score', () => {
    const game = started(SETTINGS, 1, 500).challenge();
    expect(game).toMatchObject({ round: 0, startedAt: 500, score: 0, streak: 0, results: [], live: null });
    expect(game.target).toBeGreaterThanOrEqual(0);
    expect(game.target).toBeLessThan(10);
    expect(msLeft(game, 500)).toBe(10_000);
    expect(msLeft(game, 3_000)).toBe(7_500);
  });

  test('is won the moment the top guess is the target with enough confidence', () => {
    const script = started();
    const target = script.challenge().target;
    script.guess(2_000, target, 0.9);
    const game = script.challenge();
    expect(game.phase).toEqual({ kind: 'result', until: 3_000 });
    expect(game.results).toHaveLength(1);
    const result = game.results[0];
    expect(result).toMatchObject({ target, won: true, ms: 2_000, streak: 1 });
    expect(result?.points).toBe(pointsForWin(8_000, 10_000, 1).total);
    expect(result?.seen?.guess).toEqual({ digit: target, confidence: 0.9 });
    expect(result?.seen?.drawing).toEqual(drawing(target));
    expect(game.score).toBe(result?.points);
  });

  test.each([
    ['a confident wrong digit', 1, 0.99],
    ['the target below the threshold', 0, 0.899],
  ])('is not won by %s', (_, offset, confidence) => {
    const script = started();
    const target = script.challenge().target;
    script.guess(1_000, (target + offset) % 10, confidence);
    const game = script.challenge();
    expect(game.phase.kind).toBe('drawing');
    expect(game.results).toEqual([]);
    expect(game.live).toEqual({ digit: (target + offset) % 10, confidence });
  });

  test('uses the confidence it was given', () => {
    const script = started({ ...SETTINGS, confidence: 0.5 });
    script.guess(1_000, script.challenge().target, 0.55);
    expect(script.challenge().phase.kind).toBe('result');
  });

  test('is lost at time-out, keeping the last thing the model saw', () => {
    const script = started();
    const target = script.challenge().target;
    script.guess(4_000, (target + 3) % 10, 0.7);
    script.at(6_000, { type: 'blank' });
    expect(script.challenge().live).toBeNull();
    script.at(9_999, { type: 'tick' });
    expect(script.challenge().phase.kind).toBe('drawing');
    script.at(10_000, { type: 'tick' });
    const game = script.challenge();
    expect(game.phase).toEqual({ kind: 'result', until: 11_000 });
    expect(game.results[0]).toMatchObject({ target, won: false, ms: 10_000, points: 0, streak: 0 });
    expect(game.results[0]?.seen?.guess).toEqual({ digit: (target + 3) % 10, confidence: 0.7 });
    expect(msLeft(game, 10_500)).toBe(0);
  });

  test('an untouched round is lost with nothing seen', () => {
    const script = started();
    script.at(12_345, { type: 'tick' });
    expect(script.challenge().results[0]).toMatchObject({ won: false, ms: 10_000, seen: null });
  });

  test('a correct guess arriving after the buzzer does not win', () => {
    const script = started();
    script.guess(10_001, script.challenge().target, 1);
    expect(script.challenge().results[0]?.won).toBe(false);
  });

  test('ignores guesses during the win/lose moment and moves on after it', () => {
    const script = started();
    const first = script.challenge().target;
    script.guess(1_000, first);
    const during = script.mode;
    expect(script.guess(1_500, first)).toBe(during);
    expect(script.at(1_999, { type: 'tick' })).toBe(during);
    script.at(2_000, { type: 'tick' });
    const game = script.challenge();
    expect(game).toMatchObject({ round: 1, startedAt: 2_000, phase: { kind: 'drawing' }, live: null, seen: null });
    expect(game.target).not.toBe(first);
    expect(msLeft(game, 2_000)).toBe(10_000);
  });

  test('back abandons the game', () => {
    const script = started();
    expect(script.at(100, { type: 'back' })).toBe(MENU);
  });
});

describe('a whole game', () => {
  /** Plays SETTINGS.rounds rounds: `true` wins after `winMs`, `false` times out. */
  function play(outcomes: readonly boolean[], winMs = 2_500, seed = 7): Script {
    const script = started({ ...SETTINGS, rounds: outcomes.length }, seed);
    let clock = 0;
    for (const win of outcomes) {
      if (win) {
        clock += winMs;
        script.guess(clock, script.challenge().target);
      } else {
        clock += ROUND_MS;
        script.at(clock, { type: 'tick' });
      }
      clock += SETTINGS.resultMs;
      script.at(clock, { type: 'tick' });
    }
    return script;
  }

  test.each<[string, boolean[], number[], number[]]>([
    ['three wins build a streak', [true, true, true], [1, 2, 3], [175, 200, 225]],
    ['a loss breaks the streak', [true, false, true, true], [1, 0, 1, 2], [175, 0, 175, 200]],
    ['all lost', [false, false], [0, 0], [0, 0]],
  ])('%s', (_, outcomes, streaks, points) => {
    const script = play(outcomes);
    const summary = script.mode;
    expect(summary.kind).toBe('summary');
    if (summary.kind !== 'summary') return;
    expect(summary.results.map((r) => r.won)).toEqual(outcomes);
    expect(summary.results.map((r) => r.streak)).toEqual(streaks);
    expect(summary.results.map((r) => r.points)).toEqual(points);
    expect(summary.score).toBe(points.reduce((a, b) => a + b, 0));
  });

  test('targets never repeat back to back', () => {
    for (let seed = 0; seed < 20; seed++) {
      const summary = play(Array.from({ length: 12 }, () => true), 100, seed).mode;
      if (summary.kind !== 'summary') throw new Error('game did not end');
      const targets = summary.results.map((r) => r.target);
      targets.slice(1).forEach((t, i) => { expect(t).not.toBe(targets[i]); });
    }
  });

  test('the same seed and clock replay the same game', () => {
    expect(play([true, false, true], 2_500, 42).mode).toEqual(play([true, false, true], 2_500, 42).mode);
  });

  test('play again starts a fresh game with the same settings; back goes to the menu', () => {
    const script = play([true, true]);
    const again = script.at(60_000, { type: 'playAgain' });
    expect(again).toMatchObject({ kind: 'challenge', round: 0, score: 0, streak: 0, results: [], startedAt: 60_000 });
    expect(again.kind === 'challenge' && again.settings.rounds).toBe(2);
    expect(play([true]).at(0, { type: 'back' })).toBe(MENU);
  });
});

describe('pickTarget', () => {
  test('covers every digit and never the previous one', () => {
    const random = createRandom(3);
    for (const previous of [null, 0, 5, 9]) {
      const seen = new Set<number>();
      for (let i = 0; i < 500; i++) seen.add(pickTarget(random, previous));
      const expected = [...Array(10).keys()].filter((d) => d !== previous);
      expect([...seen].sort()).toEqual(expected);
    }
  });
});

describe('startsNewRound (the canvas is cleared)', () => {
  test('on entering a challenge and on each next round, not within a round', () => {
    const script = new Script();
    const menu = script.mode;
    const first = script.at(0, { type: 'startChallenge', settings: SETTINGS });
    expect(startsNewRound(menu, first)).toBe(true);
    const guessed = script.guess(100, (script.challenge().target + 1) % 10, 0.99);
    expect(startsNewRound(first, guessed)).toBe(false);
    const won = script.guess(200, script.challenge().target);
    expect(startsNewRound(guessed, won)).toBe(false);
    const second = script.at(1_200, { type: 'tick' });
    expect(startsNewRound(won, second)).toBe(true);
    expect(startsNewRound(second, MENU)).toBe(false);
  });
});

describe('no time limit', () => {
  const NO_LIMIT: ChallengeSettings = { ...SETTINGS, roundMs: null };

  test('a round never times out, however long it is left', () => {
    const script = started(NO_LIMIT);
    for (const clock of [10_000, 60_000, 3_600_000, 86_400_000 * 30]) {
      const mode = script.at(clock, { type: 'tick' });
      expect(mode.kind === 'challenge' && mode.phase.kind).toBe('drawing');
      expect(msLeft(script.challenge(), clock)).toBeNull();
    }
    expect(script.challenge().results).toEqual([]);
  });

  test('a win still scores, without a speed bonus, and the time taken is kept', () => {
    const script = started(NO_LIMIT);
    script.guess(2_000, script.challenge().target);
    const won = script.challenge();
    expect(won.phase.kind).toBe('result');
    expect(won.results[0]).toMatchObject({ won: true, ms: 2_000, points: pointsForWin(0, 1, 1).total });
    expect(won.score).toBe(100);
    // the second win in a row adds the streak bonus, still no speed points
    script.at(2_000 + NO_LIMIT.resultMs, { type: 'tick' });
    script.guess(500_000, script.challenge().target);
    expect(script.challenge().score).toBe(100 + 125);
  });

  test('a whole game of instant wins scores less than with a limit', () => {
    const play = (settings: ChallengeSettings): number => {
      const script = started(settings);
      let clock = 0;
      for (let round = 0; round < settings.rounds; round++) {
        clock += 1;
        script.guess(clock, script.challenge().target);
        clock += settings.resultMs;
        script.at(clock, { type: 'tick' });
      }
      if (script.mode.kind !== 'summary') throw new Error('expected the summary');
      return script.mode.score;
    };
    expect(play(NO_LIMIT)).toBe(3 * 100 + 25 + 50);
    expect(play(SETTINGS)).toBeGreaterThan(play(NO_LIMIT));
  });
});
