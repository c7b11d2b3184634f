import { describe, expect, test } from 'vitest';
import { CHALLENGE_DEFAULTS, CONFIDENCE_RANGE, readChallengeSettings, ROUNDS_RANGE, SECONDS_RANGE } from '../../../../game/shell/state/challengeConfig.ts';
import { CONFIDENCE_CHOICES, ROUND_CHOICES, SECONDS_CHOICES } from '../../../../game/shell/state/savedSettings.ts';

describe('readChallengeSettings', () => {
  test.each<[string, Partial<typeof CHALLENGE_DEFAULTS>]>([
    ['', {}],
    ['?model=small&backend=cpu', {}],
    ['?rounds=1', { rounds: 1 }],
    ['?rounds=20', { rounds: 20 }],
    ['?seconds=8', { roundMs: 8_000 }],
    ['?seconds=3.5', { roundMs: 3_500 }],
    ['?seconds=180', { roundMs: 180_000 }],
    ['?confidence=0.75', { confidence: 0.75 }],
    ['?confidence=0.99', { confidence: 0.99 }],
    ['?rounds=3&seconds=8&confidence=0.8', { rounds: 3, roundMs: 8_000, confidence: 0.8 }],
  ])('%s', (search, expected) => {
    expect(readChallengeSettings(new URLSearchParams(search))).toEqual({ settings: { ...CHALLENGE_DEFAULTS, ...expected }, problems: [] });
  });

  test('defaults are 8 rounds of 15 s at 0.9', () => {
    expect(CHALLENGE_DEFAULTS).toMatchObject({ rounds: 8, roundMs: 15_000, confidence: 0.9 });
  });

  const ROUNDS = '?rounds= must be a whole number from 1 to 20; using 8';
  const SECONDS = '?seconds= must be a number from 3 to 180 or none; using 15';
  const CONFIDENCE = '?confidence= must be a number from 0.5 to 0.99; using 0.9';
  test.each<[string, string[]]>([
    ['?rounds=2.5', [ROUNDS]],
    ['?rounds=', [ROUNDS]],
    ['?rounds=abc', [ROUNDS]],
    ['?seconds=Infinity', [SECONDS]],
    ['?seconds=', [SECONDS]],
    ['?confidence=high', [CONFIDENCE]],
    ['?rounds=x&seconds=y&confidence=z', [ROUNDS, SECONDS, CONFIDENCE]],
  ])('reports %s and uses the default', (search, problems) => {
    expect(readChallengeSettings(new URLSearchParams(search))).toEqual({ settings: CHALLENGE_DEFAULTS, problems });
  });

  // What Settings cannot offer, a link cannot ask for: a number past either end is held to it, and said so.
  test.each<[string, Partial<typeof CHALLENGE_DEFAULTS>, string]>([
    ['?rounds=0', { rounds: 1 }, '?rounds= goes from 1 to 20; using 1'],
    ['?rounds=50', { rounds: 20 }, '?rounds= goes from 1 to 20; using 20'],
    ['?rounds=21', { rounds: 20 }, '?rounds= goes from 1 to 20; using 20'],
    ['?seconds=1', { roundMs: 3_000 }, '?seconds= goes from 3 to 180; using 3'],
    ['?seconds=0', { roundMs: 3_000 }, '?seconds= goes from 3 to 180; using 3'],
    ['?seconds=-1', { roundMs: 3_000 }, '?seconds= goes from 3 to 180; using 3'],
    ['?seconds=300', { roundMs: 180_000 }, '?seconds= goes from 3 to 180; using 180'],
    ['?confidence=0.1', { confidence: 0.5 }, '?confidence= goes from 0.5 to 0.99; using 0.5'],
    ['?confidence=1', { confidence: 0.99 }, '?confidence= goes from 0.5 to 0.99; using 0.99'],
    ['?confidence=90', { confidence: 0.99 }, '?confidence= goes from 0.5 to 0.99; using 0.99'],
  ])('clamps %s into the range Settings offers', (search, expected, problem) => {
    expect(readChallengeSettings(new URLSearchParams(search))).toEqual({ settings: { ...CHALLENGE_DEFAULTS, ...expected }, problems: [problem] });
  });

  test('Settings steps between the very ends a link is held to', () => {
    const numbers = (choices: readonly (number | null)[]): number[] => choices.filter((c) => c !== null);
    for (const [range, choices] of [[ROUNDS_RANGE, ROUND_CHOICES], [SECONDS_RANGE, SECONDS_CHOICES], [CONFIDENCE_RANGE, CONFIDENCE_CHOICES]] as const) {
      const offered = numbers(choices);
      expect([Math.min(...offered), Math.max(...offered)]).toEqual([range.min, range.max]);
    }
    expect(readChallengeSettings(new URLSearchParams(`?rounds=${Math.max(...ROUND_CHOICES)}&seconds=${Math.min(...numbers(SECONDS_CHOICES))}`)).problems).toEqual([]);
  });

  test('keeps the good values when another is bad', () => {
    const reading = readChallengeSettings(new URLSearchParams('?rounds=4&seconds=soon'));
    expect(reading.settings).toEqual({ ...CHALLENGE_DEFAULTS, rounds: 4 });
    expect(reading.problems).toEqual([SECONDS]);
  });

  test('?seconds=none switches the time limit off', () => {
    expect(readChallengeSettings(new URLSearchParams('?seconds=none')).settings.roundMs).toBeNull();
    expect(readChallengeSettings(new URLSearchParams('?seconds=NONE&rounds=3')).settings).toEqual({ ...CHALLENGE_DEFAULTS, rounds: 3, roundMs: null });
  });

  test('query parameters override saved settings, which replace the defaults', () => {
    const saved = { ...CHALLENGE_DEFAULTS, rounds: 12, roundMs: null, confidence: 0.6 };
    expect(readChallengeSettings(new URLSearchParams(''), saved).settings).toEqual(saved);
    expect(readChallengeSettings(new URLSearchParams('?seconds=20'), saved).settings).toEqual({ ...saved, roundMs: 20_000 });
    expect(readChallengeSettings(new URLSearchParams('?rounds=4'), saved).settings).toEqual({ ...saved, rounds: 4 });
    expect(readChallengeSettings(new URLSearchParams('?seconds=x'), saved)).toEqual({
      settings: saved,
      problems: ['?seconds= must be a number from 3 to 180 or none; using none'],
    });
  });

  test('returns frozen settings', () => {
    expect(Object.isFrozen(readChallengeSettings(new URLSearchParams('?rounds=2')).settings)).toBe(true);
  });
});
