import { isRecord } from '../../../common/isRecord.ts';
import { CHALLENGE_DEFAULTS, CONFIDENCE_RANGE, ROUNDS_RANGE, SECONDS_RANGE, type ChallengeSettings } from './challengeConfig.ts';
import type { KeyValueStore } from './scores.ts';

/**
 * The player's challenge settings and sound switch, kept in localStorage. As with scores.ts, what is
 * read back is untrusted: each field is checked against the choices the settings screen offers, a
 * bad one falls back to its default on its own, and neither reading nor writing ever throws.
 */
export const SETTINGS_KEY = 'handwritten-digits/settings/v1';
const FORMAT_VERSION = 1;

/**
 * What the settings screen offers: the first and last number of each are the ends of its range in
 * challengeConfig.ts, the same a link is held to.
 */
export const ROUND_CHOICES: readonly number[] = Object.freeze(Array.from({ length: ROUNDS_RANGE.max - ROUNDS_RANGE.min + 1 }, (_, i) => ROUNDS_RANGE.min + i));
/** seconds per round; null is "no limit", which WCAG 2.2.1 asks a time limit to allow */
export const SECONDS_CHOICES: readonly (number | null)[] = Object.freeze([SECONDS_RANGE.min, 5, 10, 15, 20, 30, 45, 60, 90, 120, SECONDS_RANGE.max, null]);
export const CONFIDENCE_CHOICES: readonly number[] = Object.freeze([CONFIDENCE_RANGE.min, 0.6, 0.7, 0.8, 0.9, 0.95, CONFIDENCE_RANGE.max]);

export interface SavedSettings {
  readonly challenge: ChallengeSettings;
  readonly muted: boolean;
}

export const DEFAULT_SAVED: SavedSettings = Object.freeze({ challenge: CHALLENGE_DEFAULTS, muted: false });

export function loadSettings(store: KeyValueStore | null): SavedSettings {
  let parsed: unknown;
  try {
    const raw = store?.getItem(SETTINGS_KEY) ?? null;
    if (raw === null) return DEFAULT_SAVED;
    parsed = JSON.parse(raw);
  } catch {
    return DEFAULT_SAVED;
  }
  if (!isRecord(parsed) || parsed.version !== FORMAT_VERSION) return DEFAULT_SAVED;
  const defaults = CHALLENGE_DEFAULTS;
  const { rounds, seconds, confidence, muted } = parsed;
  const roundSeconds = SECONDS_CHOICES.find((choice) => choice === seconds);
  return {
    challenge: Object.freeze({
      ...defaults,
      rounds: ROUND_CHOICES.find((choice) => choice === rounds) ?? defaults.rounds,
      roundMs: roundSeconds === undefined ? defaults.roundMs : roundSeconds === null ? null : roundSeconds * 1000,
      confidence: CONFIDENCE_CHOICES.find((choice) => choice === confidence) ?? defaults.confidence,
    }),
    muted: typeof muted === 'boolean' ? muted : DEFAULT_SAVED.muted,
  };
}

/** Saves; a store that refuses (quota, private mode) only means the next visit starts from the defaults. */
export function saveSettings(store: KeyValueStore | null, settings: SavedSettings): void {
  const { rounds, roundMs, confidence } = settings.challenge;
  const record = { version: FORMAT_VERSION, rounds, seconds: roundMs === null ? null : roundMs / 1000, confidence, muted: settings.muted };
  try {
    store?.setItem(SETTINGS_KEY, JSON.stringify(record));
  } catch {
    // not saved: this visit keeps the settings anyway
  }
}

export type SettingField = 'rounds' | 'seconds' | 'confidence';

/**
 * One step up (+1) or down (-1) through a field's choices, stopping at the ends. A value that is
 * not a choice (a link's ?seconds=8) steps to the nearest choice in that direction.
 */
export function stepSetting(settings: ChallengeSettings, field: SettingField, direction: 1 | -1): ChallengeSettings {
  switch (field) {
    case 'rounds':
      return { ...settings, rounds: stepThrough(ROUND_CHOICES, settings.rounds, direction) };
    case 'confidence':
      return { ...settings, confidence: stepThrough(CONFIDENCE_CHOICES, settings.confidence, direction) };
    case 'seconds': {
      // "no limit" sorts after every number
      const order = (s: number | null): number => s ?? Number.POSITIVE_INFINITY;
      const current = settings.roundMs === null ? Number.POSITIVE_INFINITY : settings.roundMs / 1000;
      const picked = stepThrough(SECONDS_CHOICES.map(order), current, direction);
      return { ...settings, roundMs: Number.isFinite(picked) ? picked * 1000 : null };
    }
  }
}

function stepThrough(choices: readonly number[], value: number, direction: 1 | -1): number {
  const candidates = direction > 0 ? choices.filter((c) => c > value) : choices.filter((c) => c < value).reverse();
  return candidates[0] ?? value;
}
