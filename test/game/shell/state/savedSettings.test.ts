import { describe, expect, test } from 'vitest';
import { CHALLENGE_DEFAULTS } from '../../../../game/shell/state/challengeConfig.ts';
import { DEFAULT_SAVED, loadSettings, saveSettings, SETTINGS_KEY, stepSetting } from '../../../../game/shell/state/savedSettings.ts';
import type { KeyValueStore } from '../../../../game/shell/state/scores.ts';

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { readonly data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => { data.set(key, value); } };
}

describe('saved settings', () => {
  test('round-trip, including no limit and muted', () => {
    const store = memoryStore();
    const saved = { challenge: { ...CHALLENGE_DEFAULTS, rounds: 12, roundMs: null, confidence: 0.7 }, muted: true };
    saveSettings(store, saved);
    expect(loadSettings(store)).toEqual(saved);
    saveSettings(store, { ...saved, challenge: { ...saved.challenge, roundMs: 45_000 } });
    expect(loadSettings(store).challenge.roundMs).toBe(45_000);
  });

  test.each([
    ['nothing stored', null],
    ['corrupt JSON', '{'],
    ['another version', JSON.stringify({ version: 2, rounds: 5 })],
    ['an array', '[]'],
  ])('%s gives the defaults', (_, raw) => {
    expect(loadSettings(memoryStore(raw === null ? {} : { [SETTINGS_KEY]: raw }))).toEqual(DEFAULT_SAVED);
  });

  test('a bad field falls back on its own', () => {
    const raw = JSON.stringify({ version: 1, rounds: 99, seconds: 30, confidence: 'high', muted: 'yes' });
    expect(loadSettings(memoryStore({ [SETTINGS_KEY]: raw }))).toEqual({
      challenge: { ...CHALLENGE_DEFAULTS, roundMs: 30_000 },
      muted: false,
    });
  });

  test('a store that throws neither loses the game nor throws', () => {
    const broken: KeyValueStore = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); } };
    expect(loadSettings(broken)).toEqual(DEFAULT_SAVED);
    expect(() => { saveSettings(broken, DEFAULT_SAVED); }).not.toThrow();
    expect(loadSettings(null)).toEqual(DEFAULT_SAVED);
  });
});

describe('stepSetting', () => {
  const base = CHALLENGE_DEFAULTS;
  test('rounds stay within 1..20', () => {
    expect(stepSetting({ ...base, rounds: 1 }, 'rounds', -1).rounds).toBe(1);
    expect(stepSetting({ ...base, rounds: 1 }, 'rounds', 1).rounds).toBe(2);
    expect(stepSetting({ ...base, rounds: 20 }, 'rounds', 1).rounds).toBe(20);
  });

  test('seconds run up to no limit and back', () => {
    expect(stepSetting({ ...base, roundMs: 180_000 }, 'seconds', 1).roundMs).toBeNull();
    expect(stepSetting({ ...base, roundMs: null }, 'seconds', 1).roundMs).toBeNull();
    expect(stepSetting({ ...base, roundMs: null }, 'seconds', -1).roundMs).toBe(180_000);
    expect(stepSetting({ ...base, roundMs: 8_000 }, 'seconds', 1).roundMs).toBe(10_000);
    expect(stepSetting({ ...base, roundMs: 5_000 }, 'seconds', -1).roundMs).toBe(3_000);
    expect(stepSetting({ ...base, roundMs: 3_000 }, 'seconds', -1).roundMs).toBe(3_000);
  });

  test('confidence steps through its choices', () => {
    expect(stepSetting(base, 'confidence', 1).confidence).toBe(0.95);
    expect(stepSetting(base, 'confidence', -1).confidence).toBe(0.8);
    expect(stepSetting({ ...base, confidence: 0.5 }, 'confidence', -1).confidence).toBe(0.5);
  });
});
