import { describe, expect, test } from 'vitest';
import { CHALLENGE_DEFAULTS, readChallengeSettings } from '../../../../game/shell/state/challengeConfig.ts';

describe('readChallengeSettings', () => {
  test.each<[string, Partial<typeof CHALLENGE_DEFAULTS>]>([
    ['', {}],
    ['?model=small&backend=cpu', {}],
    ['?rounds=3', { rounds: 3 }],
    ['?rounds=50', { rounds: 50 }],
    ['?seconds=8', { roundMs: 8_000 }],
    ['?seconds=2.5', { roundMs: 2_500 }],
    ['?confidence=0.75', { confidence: 0.75 }],
    ['?confidence=1', { confidence: 1 }],
    ['?rounds=3&seconds=8&confidence=0.8', { rounds: 3, roundMs: 8_000, confidence: 0.8 }],
  ])('%s', (search, expected) => {
    expect(readChallengeSettings(new URLSearchParams(search))).toEqual({ settings: { ...CHALLENGE_DEFAULTS, ...expected }, problems: [] });
  });

  test('defaults are 8 rounds of 15 s at 0.9', () => {
    expect(CHALLENGE_DEFAULTS).toMatchObject({ rounds: 8, roundMs: 15_000, confidence: 0.9 });
  });

  const ROUNDS = '?rounds= must be a whole number from 1 to 50; using 8';
  const SECONDS = '?seconds= must be a number from 1 to 300 or none; using 15';
  const CONFIDENCE = '?confidence= must be a number from 0.1 to 1; using 0.9';
  test.each<[string, string[]]>([
    ['?rounds=0', [ROUNDS]],
    ['?rounds=2.5', [ROUNDS]],
    ['?rounds=', [ROUNDS]],
    ['?rounds=abc', [ROUNDS]],
    ['?rounds=51', [ROUNDS]],
    ['?seconds=0', [SECONDS]],
    ['?seconds=Infinity', [SECONDS]],
    ['?confidence=1.5', [CONFIDENCE]],
    ['?confidence=90', [CONFIDENCE]],
    ['?confidence=-0.9', [CONFIDENCE]],
    ['?rounds=x&seconds=y&confidence=z', [ROUNDS, SECONDS, CONFIDENCE]],
  ])('reports %s and uses the default', (search, problems) => {
    expect(readChallengeSettings(new URLSearchParams(search))).toEqual({ settings: CHALLENGE_DEFAULTS, problems });
  });

  test('keeps the good values when another is bad', () => {
    const reading = readChallengeSettings(new URLSearchParams('?rounds=4&seconds=-1'));
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
      problems: ['?seconds= must be a number from 1 to 300 or none; using none'],
    });
  });

  test('returns frozen settings', () => {
    expect(Object.isFrozen(readChallengeSettings(new URLSearchParams('?rounds=2')).settings)).toBe(true);
  });
});
