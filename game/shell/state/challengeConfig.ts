import type { QueryParams } from './config.ts';

/**
 * The challenge's settings: defaults in one place, query parameters validated like GameConfig's
 * (an unusable value is reported and replaced by its default, so a typo never stops the game).
 *
 *   ?rounds=N       rounds per game, integer 1..MAX_ROUNDS            (default 8)
 *   ?seconds=S      countdown per round, 1..300, fractions allowed, or "none" for no limit (default 15)
 *   ?confidence=C   the top guess must be the target with at least C, 0.1..1 (default 0.9)
 */
export interface ChallengeSettings {
  readonly rounds: number;
  /** countdown per round, ms; null for no limit (a round then never times out and earns no speed bonus) */
  readonly roundMs: number | null;
  /** a round is won when the top guess is the target with probability >= this, 0..1 */
  readonly confidence: number;
  /** how long the win/lose moment stays on screen before the next round, ms */
  readonly resultMs: number;
}

/** Bounds the stored best score too (see scores.ts), so keep it modest. */
export const MAX_ROUNDS = 50;
export const MAX_SECONDS = 300;
/** `?seconds=none`: no time limit. */
const NO_LIMIT_PARAM = 'none';

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

/**
 * Reads ?rounds, ?seconds and ?confidence over `base` (the defaults, or what the settings screen
 * saved): a missing or unusable value keeps the base's.
 */
export function readChallengeSettings(params: QueryParams, base: ChallengeSettings = CHALLENGE_DEFAULTS): ChallengeSettingsReading {
  const problems: string[] = [];
  /** The parameter's value, or null when it is missing or unusable (then reported, `using` the base's). */
  const read = (name: string, spec: NumberSpec, using: string): number | null => {
    const raw = params.get(name);
    if (raw === null) return null;
    const value = raw.trim() === '' ? Number.NaN : Number(raw);
    const inRange = Number.isFinite(value) && value >= spec.min && value <= spec.max;
    if (inRange && (!spec.integer || Number.isInteger(value))) return value;
    // The raw text is not echoed: it is whatever the URL says, and the bounds are what helps.
    const kind = spec.integer ? 'a whole number' : 'a number';
    const or = name === 'seconds' ? ` or ${NO_LIMIT_PARAM}` : '';
    problems.push(`?${name}= must be ${kind} from ${spec.min} to ${spec.max}${or}; using ${using}`);
    return null;
  };
  const rounds = read('rounds', { min: 1, max: MAX_ROUNDS, integer: true }, String(base.rounds));
  const noLimit = params.get('seconds')?.trim().toLowerCase() === NO_LIMIT_PARAM;
  const baseSeconds = base.roundMs === null ? NO_LIMIT_PARAM : String(base.roundMs / 1000);
  const seconds = noLimit ? null : read('seconds', { min: 1, max: MAX_SECONDS, integer: false }, baseSeconds);
  const confidence = read('confidence', { min: 0.1, max: 1, integer: false }, String(base.confidence));
  const settings: ChallengeSettings = Object.freeze({
    ...base,
    rounds: rounds ?? base.rounds,
    roundMs: noLimit ? null : seconds === null ? base.roundMs : Math.round(1000 * seconds),
    confidence: confidence ?? base.confidence,
  });
  return { settings, problems: Object.freeze(problems) };
}

interface NumberSpec {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

/** "15 s" or "no limit", for messages and the menu. */
export function describeRoundMs(roundMs: number | null): string {
  return roundMs === null ? 'no limit' : `${roundMs / 1000} s`;
}
