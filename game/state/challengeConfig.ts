import type { QueryParams } from './config.ts';

/**
 * The challenge's settings: defaults in one place, query parameters validated like GameConfig's
 * (an unusable value is reported and replaced by its default, so a typo never stops the game).
 *
 *   ?rounds=N       rounds per game, integer 1..MAX_ROUNDS            (default 8)
 *   ?seconds=S      countdown per round, 1..300, fractions allowed    (default 15)
 *   ?confidence=C   the top guess must be the target with at least C, 0.1..1 (default 0.9)
 */
export interface ChallengeSettings {
  readonly rounds: number;
  /** countdown per round, ms */
  readonly roundMs: number;
  /** a round is won when the top guess is the target with probability >= this, 0..1 */
  readonly confidence: number;
  /** how long the win/lose moment stays on screen before the next round, ms */
  readonly resultMs: number;
}

/** Bounds the stored best score too (see scores.ts), so keep it modest. */
export const MAX_ROUNDS = 50;

export const CHALLENGE_DEFAULTS: ChallengeSettings = Object.freeze({
  rounds: 8,
  roundMs: 15_000,
  confidence: 0.9,
  resultMs: 1_400,
});

export interface ChallengeSettingsReading {
  readonly settings: ChallengeSettings;
  /** why a parameter was ignored, for the screen (as GameConfig.problems); the default is used instead */
  readonly problems: readonly string[];
}

/** Reads ?rounds, ?seconds and ?confidence; a missing or unusable value falls back to its default. */
export function readChallengeSettings(params: QueryParams): ChallengeSettingsReading {
  const problems: string[] = [];
  const read = (name: string, spec: NumberSpec, fallback: number): number => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    const value = raw.trim() === '' ? Number.NaN : Number(raw);
    const inRange = Number.isFinite(value) && value >= spec.min && value <= spec.max;
    if (inRange && (!spec.integer || Number.isInteger(value))) return value;
    // The raw text is not echoed: it is whatever the URL says, and the bounds are what helps.
    const kind = spec.integer ? 'a whole number' : 'a number';
    problems.push(`?${name}= must be ${kind} from ${spec.min} to ${spec.max}; using ${fallback}`);
    return fallback;
  };
  const defaults = CHALLENGE_DEFAULTS;
  const settings: ChallengeSettings = Object.freeze({
    ...defaults,
    rounds: read('rounds', { min: 1, max: MAX_ROUNDS, integer: true }, defaults.rounds),
    roundMs: Math.round(1000 * read('seconds', { min: 1, max: 300, integer: false }, defaults.roundMs / 1000)),
    confidence: read('confidence', { min: 0.1, max: 1, integer: false }, defaults.confidence),
  });
  return { settings, problems: Object.freeze(problems) };
}

interface NumberSpec {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}
