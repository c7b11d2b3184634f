import { describe, expect, test } from 'vitest';
import { CHALLENGE_DEFAULTS, ChallengeConfigError, parseChallengeSettings } from '../../game/challengeConfig.ts';

describe('parseChallengeSettings', () => {
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
    expect(parseChallengeSettings(search)).toEqual({ ...CHALLENGE_DEFAULTS, ...expected });
  });

  test('defaults are 8 rounds of 15 s at 0.9', () => {
    expect(CHALLENGE_DEFAULTS).toMatchObject({ rounds: 8, roundMs: 15_000, confidence: 0.9 });
  });

  test.each([
    ['?rounds=0', /\?rounds= must be an integer from 1 to 50, got "0"/],
    ['?rounds=2.5', /rounds.*"2\.5"/],
    ['?rounds=', /rounds.*""/],
    ['?rounds=abc', /rounds.*"abc"/],
    ['?rounds=51', /rounds/],
    ['?seconds=0', /\?seconds= must be a number from 1 to 300, got "0"/],
    ['?seconds=Infinity', /seconds/],
    ['?confidence=1.5', /\?confidence= must be a number from 0.1 to 1, got "1.5"/],
    ['?confidence=90', /confidence/],
    ['?confidence=-0.9', /confidence/],
  ])('rejects %s', (search, message) => {
    expect(() => parseChallengeSettings(search)).toThrow(ChallengeConfigError);
    expect(() => parseChallengeSettings(search)).toThrow(message);
  });

  test('returns frozen settings', () => {
    expect(Object.isFrozen(parseChallengeSettings('?rounds=2'))).toBe(true);
  });
});
